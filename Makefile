# AppLinksKB: `make site` builds everything and renders the help site; `make test` runs every test.
SWIFT ?= swift
PYTHON ?= python3
SWIFT_FLAGS ?=
# make fuzz: seconds per fuzz target.
FUZZ_SECONDS ?= 60
# make bench-patterns: the most one rule may take on an adversarial 1 MiB line.
SLOW_PATTERN_LIMIT_MS ?= 10

.PHONY: site test check install uninstall install-tests format lint lint-swift lint-python lint-js docs-check bench bench-scan bench-page bench-patterns bench-spark bundle fuzz deps python-deps spark-deps probe-deps swift-tests cli-tests consumer-tests browser-tests spark-tests probe-tests help

help:
	@echo "make site    build the tools and render Content/ and Site/ from the catalogue"
	@echo "make test    build, run every test, lint, and check that the site is up to date"
	@echo "make check   validate the catalogue and compare Content/ and Site/ with a fresh render"
	@echo "make install  lookup, lookup-probe and kb (release), their man pages and completions, and the"
	@echo "             help site, under DESTDIR and PREFIX (/usr/local); make uninstall removes them"
	@echo "make lint    swift format lint, ruff, eslint, and every link of the documentation"
	@echo "make format  format Sources/ and Tests/ with swift format"
	@echo "make bench   benchmarks (see Benchmarks/), then the scan and slow-pattern benchmarks"
	@echo "make bench-scan  lookup on a sparse and a dense log against rg and grep (quick)"
	@echo "make bench-spark  the Spark job on 1 GiB with local[1] and local[2], beside lookup"
	@echo "make bundle  lookup, its libraries and rules.json in one archive for Spark's executors"
	@echo "make fuzz    libFuzzer targets for the scanner and the rules loader, FUZZ_SECONDS each"

# libcmark renders Markdown; libarchive and zlib read archives and compressed logs; Vectorscan
# and PCRE2 match the rules. Each is installed when missing (CI and fresh machines run as root).
SYSTEM_LIBRARIES = libcmark:libcmark-dev libarchive:libarchive-dev zlib:zlib1g-dev \
  libhs:libvectorscan-dev libpcre2-8:libpcre2-dev
deps:
	@missing=""; \
	for pair in $(SYSTEM_LIBRARIES); do \
	  if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists "$${pair%%:*}"; then \
	    missing="$$missing $${pair#*:}"; \
	  fi; \
	done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing$$missing and pkg-config with apt-get"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing pkg-config >/dev/null) \
	      || { echo "error: apt-get could not install$$missing" >&2; exit 1; }; \
	  else \
	    echo "error: missing system libraries. Install them first: sudo apt-get install$$missing pkg-config" >&2; \
	    exit 1; \
	  fi; \
	fi

python-deps:
	@$(PYTHON) -c "import jsonschema" 2>/dev/null || $(PYTHON) -m pip install -q jsonschema

# pyspark from PyPI (pip keeps it in its cache) and a Java runtime from apt when `java` is missing.
spark-deps:
	@$(PYTHON) -c "import pyspark" 2>/dev/null || $(PYTHON) -m pip install -q pyspark \
	  || { echo "error: pip could not install pyspark" >&2; exit 1; }
	@if ! command -v java >/dev/null 2>&1; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing openjdk-17-jre-headless with apt-get"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null) \
	      || { echo "error: apt-get could not install openjdk-17-jre-headless" >&2; exit 1; }; \
	  else \
	    echo "error: no java. Install one first: sudo apt-get install openjdk-17-jre-headless" >&2; exit 1; \
	  fi; \
	fi

# lookup probe's tests run nginx, faketime and openssl from Debian; each is installed when missing.
PROBE_TOOLS = nginx:nginx-light faketime:faketime openssl:openssl
probe-deps:
	@missing=""; \
	for pair in $(PROBE_TOOLS); do \
	  command -v "$${pair%%:*}" >/dev/null 2>&1 || [ -x "/usr/sbin/$${pair%%:*}" ] || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing$$missing with apt-get"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	      || { echo "error: apt-get could not install$$missing" >&2; exit 1; }; \
	  else \
	    echo "error: missing tools. Install them first: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

site: deps
	$(SWIFT) build $(SWIFT_FLAGS) --product kb
	$(SWIFT) run $(SWIFT_FLAGS) --skip-build kb build

check: deps
	$(SWIFT) build $(SWIFT_FLAGS) --product kb
	$(SWIFT) run $(SWIFT_FLAGS) --skip-build kb check

swift-tests: deps
	$(SWIFT) build $(SWIFT_FLAGS)
	$(SWIFT) test $(SWIFT_FLAGS)

# Lint for every language, and the documentation's links; part of make test.
lint: lint-swift lint-python lint-js docs-check

lint-swift:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Benchmarks/SyntheticCatalogue Benchmarks/kb-bench

# Every Python file, with ruff (configuration in ruff.toml), RUFF_VERSION installed with pip into
# $(PYTHON) when another version or none is there (Debian's python3 needs pip's
# --break-system-packages for that, as Tests/Browser/install.sh gives it).
RUFF_VERSION ?= 0.17.6
lint-python:
	@$(PYTHON) -m ruff --version 2>/dev/null | grep -qx "ruff $(RUFF_VERSION)" || { \
	  flags="-q --disable-pip-version-check --no-input"; \
	  if $(PYTHON) -c 'import os, sys, sysconfig; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) else 1)'; then \
	    flags="$$flags --break-system-packages"; \
	  fi; \
	  echo "installing ruff $(RUFF_VERSION) with pip"; \
	  $(PYTHON) -m pip install $$flags "ruff==$(RUFF_VERSION)" \
	    || { echo "error: pip could not install ruff $(RUFF_VERSION)" >&2; exit 1; }; \
	}
	$(PYTHON) -m ruff check .

# Templates/assets/*.js (copied to Site/assets/ by kb build) with Debian's eslint (6.x, which
# reads .eslintrc.json), installed with apt-get when missing. NODE_PATH lets a Node.js from
# elsewhere (NodeSource's) find the modules Debian's eslint needs in /usr/share/nodejs.
ESLINT ?= eslint
lint-js:
	@if ! command -v $(ESLINT) >/dev/null 2>&1; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing eslint with apt-get"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends eslint >/dev/null) \
	      || { echo "error: apt-get could not install eslint" >&2; exit 1; }; \
	  else \
	    echo "error: no eslint. Install it first: sudo apt-get install eslint" >&2; exit 1; \
	  fi; \
	fi
	NODE_PATH=/usr/share/nodejs$${NODE_PATH:+:$$NODE_PATH} $(ESLINT) --max-warnings 0 --format unix Templates/assets/*.js

# Every relative link and anchor of README.md, docs/ and the other READMEs resolves
# (Tests/Docs/check_links.py, after its own tests); external links are not fetched.
docs-check:
	$(PYTHON) Tests/Docs/test_check_links.py
	$(PYTHON) Tests/Docs/check_links.py

# make install: release builds of lookup, lookup-probe (which `lookup probe` runs from beside
# lookup) and kb in $(DESTDIR)$(PREFIX)/bin, their manual pages from swift-argument-parser's
# generate-manual plugin, the completion scripts each command generates for bash, zsh and fish,
# and Site/ as share/applinkskb/site, which lookup reads outside a checkout; a manifest lets
# make uninstall remove exactly those (Integrations/install/install.sh). BUILD=debug installs
# the debug builds instead (the install test, on the builds make test has made already). The
# plugin builds every product in that configuration again (a no-op by then: SWIFT_FLAGS go to it
# too, so they must be options swift package takes, such as -Xswiftc) and dates the pages MAN_DATE.
PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= release
MAN_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null)
install: deps
	$(SWIFT) build -c $(BUILD) $(SWIFT_FLAGS)
	rm -rf .build/plugins/GenerateManual/outputs
	$(SWIFT) package $(SWIFT_FLAGS) --allow-writing-to-package-directory generate-manual --configuration $(BUILD) \
	  $(if $(MAN_DATE),--date $(MAN_DATE))
	sh Integrations/install/install.sh install "$$($(SWIFT) build -c $(BUILD) $(SWIFT_FLAGS) --show-bin-path)" \
	  .build/plugins/GenerateManual/outputs Site "$(DESTDIR)$(PREFIX)"

uninstall:
	sh Integrations/install/install.sh uninstall "$(DESTDIR)$(PREFIX)"

# make install BUILD=debug into a temporary DESTDIR, the installed lookup run from outside the
# checkout, its man page and completions, then make uninstall (Tests/CLI/test_install.py).
install-tests:
	SWIFT="$(SWIFT)" SWIFT_FLAGS="$(SWIFT_FLAGS)" $(PYTHON) Tests/CLI/test_install.py

# The lookup command, hostile input (huge lines, binary, FIFOs, files changing while read),
# inputs (folders, archives, rotated and compressed logs, --follow, damaged archives, a gzip
# bomb), kb build killed at random moments, kb check and kb new-problem on a copy of the problem
# sources, and a quick check that no rule grows faster than linearly.
cli-tests: deps
	$(SWIFT) build $(SWIFT_FLAGS) --product lookup
	$(SWIFT) build $(SWIFT_FLAGS) --product kb
	BIN="$$($(SWIFT) build $(SWIFT_FLAGS) --show-bin-path)"; \
	  LOOKUP="$$BIN/lookup" $(PYTHON) Tests/CLI/test_lookup.py && \
	  LOOKUP="$$BIN/lookup" $(PYTHON) Tests/CLI/test_hostile.py && \
	  LOOKUP="$$BIN/lookup" $(PYTHON) Tests/CLI/test_inputs.py && \
	  KB="$$BIN/kb" $(PYTHON) Tests/CLI/test_interrupted_build.py && \
	  KB="$$BIN/kb" $(PYTHON) Tests/CLI/test_kb_sources.py && \
	  LOOKUP="$$BIN/lookup" $(PYTHON) Benchmarks/slow_patterns.py --guard

# The Python reference consumer (the package in Integrations/python): its own tests, then every
# vector against lookup (Tests/Consumers), the Spark job's summary merge on the summary vectors
# (Tests/Spark/test_summary_merge.py: pure Python, no Spark), then the corpus's recall
# (Tests/Corpus).
consumer-tests: deps python-deps
	$(SWIFT) build $(SWIFT_FLAGS) --product lookup
	$(PYTHON) -m unittest discover -s Integrations/python/tests
	$(PYTHON) Tests/Consumers/test_consumers.py
	$(PYTHON) Tests/Spark/test_summary_merge.py
	LOOKUP="$$($(SWIFT) build $(SWIFT_FLAGS) --show-bin-path)/lookup" $(PYTHON) Tests/Corpus/test_corpus.py

browser-tests: deps
	PYTHON=$(PYTHON) bash Tests/Browser/install.sh
	$(SWIFT) build $(SWIFT_FLAGS) --product lookup
	LOOKUP="$$($(SWIFT) build $(SWIFT_FLAGS) --show-bin-path)/lookup" $(PYTHON) Tests/Browser/test_site.py

# lookup for Spark's executors: built in release with the Swift runtime linked statically, the C
# libraries it loads (but glibc's) beside it in lib/, found through an $$ORIGIN/lib run path, and
# Site/rules.json, in one archive for `spark-submit --archives $(BUNDLE)#applinkskb`.
BUNDLE ?= .build/applinkskb.tar.gz
BUNDLE_BUILD = $(SWIFT) build -c release $(SWIFT_FLAGS) --product lookup --scratch-path .build/bundle \
  --static-swift-stdlib -Xlinker --disable-new-dtags -Xlinker -rpath -Xlinker '$$ORIGIN/lib'
bundle: deps
	$(BUNDLE_BUILD)
	bash Integrations/spark/make_bundle.sh "$$($(BUNDLE_BUILD) --show-bin-path)/lookup" Site/rules.json $(BUNDLE)

# The Spark job (Integrations/spark) on local[2] against lookup on generated logs, and the bundle
# (Tests/Spark/test_spark.py); the job runs the bundle's lookup.
spark-tests: deps spark-deps bundle
	LOOKUP="$$($(BUNDLE_BUILD) --show-bin-path)/lookup" BUNDLE=$(BUNDLE) $(PYTHON) Tests/Spark/test_spark.py

# lookup probe against nginx on loopback in front of fixture applications (Tests/Probe).
probe-tests: deps python-deps probe-deps
	$(SWIFT) build $(SWIFT_FLAGS) --product lookup
	$(SWIFT) build $(SWIFT_FLAGS) --product lookup-probe
	PATH="$$PATH:/usr/sbin" LOOKUP="$$($(SWIFT) build $(SWIFT_FLAGS) --show-bin-path)/lookup" \
	  $(PYTHON) Tests/Probe/test_probe.py

# check runs before the browser tests so that they read a Site/ that matches the catalogue.
test: swift-tests lint check cli-tests install-tests consumer-tests browser-tests spark-tests probe-tests

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests Benchmarks/SyntheticCatalogue Benchmarks/kb-bench

# A target that is not met shows in the tables; only a failed run stops make.
bench:
	bash Benchmarks/run.sh
	$(MAKE) --no-print-directory bench-scan || echo "bench: the scan benchmark failed; see above"
	$(MAKE) --no-print-directory bench-page || echo "bench: the page benchmark failed; see above"
	$(MAKE) --no-print-directory bench-patterns SLOW_PATTERN_ARGS="--only rule: --repeat 1" \
	  || echo "bench: some slow-pattern targets are not met; see the table above"

# lookup --summary on a sparse (0.1 %) and a dense (5 %) log against rg -c, rg -F -f and
# grep -F -f with the rule set's literals (Benchmarks/scan_bench.py; SPARSE_SIZE, DENSE_SIZE).
SPARSE_SIZE ?= 268435456
DENSE_SIZE ?= 134217728
bench-scan: deps
	command -v rg >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep)
	$(SWIFT) build -c release $(SWIFT_FLAGS) --product lookup
	LOOKUP="$$($(SWIFT) build -c release $(SWIFT_FLAGS) --show-bin-path)/lookup" \
	  $(PYTHON) Benchmarks/scan_bench.py --sparse-size $(SPARSE_SIZE) --dense-size $(DENSE_SIZE)

# The explain page reading a 100 MiB log in headless Chromium, beside lookup on the same file.
bench-page: deps
	PYTHON=$(PYTHON) bash Tests/Browser/install.sh
	$(SWIFT) build -c release $(SWIFT_FLAGS) --product lookup
	LOOKUP="$$($(SWIFT) build -c release $(SWIFT_FLAGS) --show-bin-path)/lookup" $(PYTHON) Benchmarks/page_bench.py

# Every rule, extractor and layout on adversarial 1 MiB and 64 KiB lines (Benchmarks/slow_patterns.py).
bench-patterns: deps
	$(SWIFT) build -c release $(SWIFT_FLAGS) --product lookup
	LOOKUP="$$($(SWIFT) build -c release $(SWIFT_FLAGS) --show-bin-path)/lookup" \
	  $(PYTHON) Benchmarks/slow_patterns.py --limit-ms $(SLOW_PATTERN_LIMIT_MS) $(SLOW_PATTERN_ARGS)

# The Spark job on 1 GiB of generated logs in 16 files with local[1] and local[2], beside lookup
# --jobs 1 and --jobs 2 on the same files, and on an empty input (Spark's start-up), with the
# bundle's lookup (Benchmarks/spark_bench.py; BENCH_SPARK_BYTES to change the size).
BENCH_SPARK_BYTES ?= 1073741824
bench-spark: deps spark-deps bundle
	LOOKUP="$$($(BUNDLE_BUILD) --show-bin-path)/lookup" BUNDLE=$(BUNDLE) \
	  $(PYTHON) Benchmarks/spark_bench.py --bytes $(BENCH_SPARK_BYTES)

# libFuzzer targets in Fuzz/ (their own package, built with -sanitize=fuzzer,address).
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) PYTHON=$(PYTHON) bash Fuzz/run.sh

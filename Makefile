# AppLinksKB: `make site` builds everything and renders the help site; `make test` runs every test.
SWIFT ?= swift
PYTHON ?= python3
SWIFT_FLAGS ?=

.PHONY: site test check format lint bench deps python-deps swift-tests cli-tests consumer-tests browser-tests help

help:
	@echo "make site    build the tools and render Content/ and Site/ from the catalogue"
	@echo "make test    build, run every test, lint, and check that the site is up to date"
	@echo "make check   validate the catalogue and compare Content/ and Site/ with a fresh render"
	@echo "make format  format Sources/ and Tests/ with swift format"
	@echo "make bench   benchmarks (see Benchmarks/)"

# libcmark renders Markdown; install it when missing (CI and fresh machines run as root).
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing libcmark-dev and pkg-config with apt-get"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev pkg-config >/dev/null) \
	      || { echo "error: apt-get could not install libcmark-dev" >&2; exit 1; }; \
	  else \
	    echo "error: libcmark is missing. Install it first: sudo apt-get install libcmark-dev pkg-config" >&2; \
	    exit 1; \
	  fi; \
	fi

python-deps:
	@$(PYTHON) -c "import jsonschema" 2>/dev/null || $(PYTHON) -m pip install -q jsonschema

site: deps
	$(SWIFT) build $(SWIFT_FLAGS) --product kb
	$(SWIFT) run $(SWIFT_FLAGS) --skip-build kb build

check: deps
	$(SWIFT) build $(SWIFT_FLAGS) --product kb
	$(SWIFT) run $(SWIFT_FLAGS) --skip-build kb check

swift-tests: deps
	$(SWIFT) build $(SWIFT_FLAGS)
	$(SWIFT) test $(SWIFT_FLAGS)

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

cli-tests: deps
	$(SWIFT) build $(SWIFT_FLAGS) --product lookup
	$(PYTHON) Tests/CLI/test_lookup.py

consumer-tests: deps python-deps
	$(SWIFT) build $(SWIFT_FLAGS) --product lookup
	$(PYTHON) Tests/Consumers/test_consumers.py

browser-tests: deps
	PYTHON=$(PYTHON) bash Tests/Browser/install.sh
	$(SWIFT) build $(SWIFT_FLAGS) --product lookup
	LOOKUP="$$($(SWIFT) build $(SWIFT_FLAGS) --show-bin-path)/lookup" $(PYTHON) Tests/Browser/test_site.py

# check runs before the browser tests so that they read a Site/ that matches the catalogue.
test: swift-tests lint check cli-tests consumer-tests browser-tests

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests

bench:
	bash Benchmarks/run.sh

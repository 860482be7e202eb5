#!/usr/bin/env python3
"""AppLinksKB's rule set (Site/rules.json) applied by Apache Spark, for logs from many nodes.

    spark-submit [--master URL] Integrations/spark/lookup_spark.py --rules Site/rules.json \
        --out OUT INPUT...
    spark-submit Integrations/spark/lookup_spark.py --rules Site/rules.json \
        --vectors Site/rules-tests.json

Each INPUT is a file, a folder (walked recursively) or a glob, on any file system Spark reads;
`.gz` is decompressed by Hadoop's codec. The job writes OUT/findings/ (JSON Lines part files,
one object per finding with the fields of `lookup --json`, sorted by input then line) and
OUT/summary.json (the document of `lookup --summary --json`).

Every rule is evaluated by Spark SQL expressions on the JVM: a few gate literals (`contains`)
pick candidate lines, a CASE in priority order tests each rule's literals then its pattern
(`rlike`, java.util.regex), `regexp_extract` gives captures, extractors, layouts; transforms and
derived fields are SQL expressions too. No Python runs per line.

Line numbers: the text source reads a plain file in splits; each row carries its split
(`_metadata.file_block_start`) and a `monotonically_increasing_id`, consecutive inside one
split. A first, cheap pass counts the lines of each split; the driver turns those counts into
the line number of each split's first line. A `.gz` file is one split.

Entries: a line that matches no layout takes the layout fields of the nearest earlier line
that one matches. Only for files with such findings, a window over (layout lines, those
findings) ordered by line finds that earlier line; its text is then joined back.

Exit status: 0 when something was found, 1 when nothing was, 2 on a refused rule set, an
input that does not exist, or an input that could not be read in full (named on stderr and in
summary.json's "errors", the rest processed).
"""

import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import rules_check  # noqa: E402  (the loader with lookup's messages; stdlib only)

MAX_TEXT = 2000
_STARTED = time.monotonic()


def timing(what):
    """With LOOKUP_SPARK_TIMING set, how long each step took, on standard error."""
    if os.environ.get("LOOKUP_SPARK_TIMING"):
        sys.stderr.write("lookup_spark: %7.2f s  %s\n" % (time.monotonic() - _STARTED, what))


# ---------------------------------------------------------------------------------------------
# Gate literals: a few substrings such that every rule has a literal containing one of them.


GATE_SIZES = tuple(int(x) for x in os.environ.get("LOOKUP_SPARK_GATE_SIZES", "8,10,12").split(","))


def gate_literals(rules, sizes=None):
    """A small set of substrings such that each rule has a literal that contains one: a line
    that holds none of them can match no rule."""
    needs = [list(rule["literals"]) for rule in rules]
    chosen = []
    remaining = list(range(len(needs)))
    while remaining:
        counts = {}
        for index in remaining:
            seen = set()
            for literal in needs[index]:
                for size in sizes or GATE_SIZES:
                    if len(literal) <= size:
                        seen.add(literal)
                        continue
                    for start in range(len(literal) - size + 1):
                        seen.add(literal[start:start + size])
            for piece in seen:
                counts[piece] = counts.get(piece, 0) + 1
        # Most rules covered first, then longer (rarer in ordinary lines).
        best = max(counts, key=lambda p: (counts[p], len(p), p))
        chosen.append(best)
        remaining = [i for i in remaining if not any(best in x for x in needs[i])]
    return chosen


# ---------------------------------------------------------------------------------------------
# The SQL expressions.


def nonempty(F, c):
    return F.when(c != F.lit(""), c)


def ascii_lower(F, c):
    return F.translate(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def percent_decode(F, c, plus_is_space=False):
    """%XX as bytes then UTF-8 (invalid sequences replaced); anything else kept. Spark's
    url_decode (java.net.URLDecoder) does that once '+' and a '%' without two hex digits are
    escaped."""
    if not plus_is_space:
        c = F.regexp_replace(c, r"\+", "%2B")
    c = F.regexp_replace(c, "%(?![0-9A-Fa-f]{2})", "%25")
    return F.url_decode(c)


def transform(F, name, groups):
    first = groups[0]
    if name == "none":
        return first
    if name == "percent":
        return percent_decode(F, first)
    if name == "form":
        return percent_decode(F, first, plus_is_space=True)
    if name == "base_string_method":
        return F.substring_index(percent_decode(F, first), "&", 1)
    if name == "base_string_url":
        parts = F.split(percent_decode(F, first), "&")
        return F.when(F.size(parts) > 1, percent_decode(F, F.element_at(parts, 2)))
    if name == "parameter_list":
        parts = F.filter(F.split(percent_decode(F, first), "&"), lambda p: p != F.lit(""))
        return F.array_join(F.transform(parts, lambda p: percent_decode(F, p)), ", ")
    if name == "range":
        return F.concat(groups[0], F.lit("-"), groups[1])
    raise ValueError(name)


INT64 = "decimal(38,0)"
INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1


def int64(F, c):
    """A decimal integer as Swift's Int64(String) reads it, as decimal(38,0); null otherwise."""
    ok = c.rlike("^[+-]?[0-9]{1,30}$")
    value = F.when(ok, F.regexp_replace(c, r"^\+", "").cast(INT64))
    return F.when((value >= F.lit(INT64_MIN).cast(INT64)) & (value <= F.lit(INT64_MAX).cast(INT64)), value)


def window_middle(F, c):
    has = F.instr(c, "-") > 0
    head = F.substring_index(c, "-", 1)
    tail = F.regexp_extract(c, "^[^-]*-([\\s\\S]*)$", 1)  # everything after the first '-'
    start, end = int64(F, head), int64(F, tail)
    total = (start + end).cast(INT64)
    return F.when(has & start.isNotNull() & end.isNotNull(), F.floor(total / F.lit(2)).cast(INT64))


def iso8601(F, seconds):
    ok = (seconds >= F.lit(-62135596800)) & (seconds < F.lit(253402300800))
    stamp = F.timestamp_seconds(seconds.cast("long"))
    return F.when(ok, F.date_format(stamp, "yyyy-MM-dd'T'HH:mm:ss'Z'"))


def origin(F, url):
    sep = F.instr(url, "://")
    scheme = ascii_lower(F, F.substring_index(url, "://", 1))
    rest = F.regexp_extract(url, "://([^/?#]*)", 1)  # the authority: up to / ? or #
    authority = F.substring_index(rest, "@", -1)
    bracket = authority.startswith("[")
    close = F.instr(authority, "]")
    b_host = F.substring_index(authority, "]", 1)
    b_after = F.regexp_extract(authority, "^[^\\]]*\\]([\\s\\S]*)$", 1)
    b_ok = (close > 0) & ((b_after == F.lit("")) | b_after.startswith(":"))
    b_port = F.regexp_extract(b_after, "^:([\\s\\S]*)$", 1)
    p_has = F.instr(authority, ":") > 0
    p_host = F.substring_index(authority, ":", 1)
    p_port = F.when(p_has, F.regexp_extract(authority, "^[^:]*:([\\s\\S]*)$", 1)).otherwise(F.lit(""))
    host = F.when(bracket, F.concat(b_host, F.lit("]"))).otherwise(p_host)
    port = F.when(bracket, b_port).otherwise(p_port)
    ok = (sep > 0) & scheme.isin("http", "https") & F.when(bracket, b_ok).otherwise(F.lit(True))
    ok = ok & (host != F.lit("")) & port.rlike("^[0-9]*$")
    default = F.when(scheme == F.lit("http"), F.lit("80")).otherwise(F.lit("443"))
    port_part = F.when((port == F.lit("")) | (port == default), F.lit("")).otherwise(F.concat(F.lit(":"), port))
    return F.when(ok, F.concat(scheme, F.lit("://"), ascii_lower(F, host), port_part))


def derive(F, function, inputs):
    def value(i):
        return nonempty(F, inputs[i]) if i < len(inputs) else F.lit(None).cast("string")
    if function == "window_middle_iso8601":
        return iso8601(F, window_middle(F, value(0)))
    if function == "seconds_from_window_middle":
        if len(inputs) != 2:
            return F.lit(None).cast("string")
        skew = (int64(F, value(0)) - window_middle(F, value(1))).cast(INT64)
        ok = (skew >= F.lit(INT64_MIN).cast(INT64)) & (skew <= F.lit(INT64_MAX).cast(INT64))
        return F.when(ok, skew.cast("string"))
    if function == "link_origin":
        host, port = value(3), value(4)
        host_part = F.when(host.isNotNull(), F.concat(ascii_lower(F, host),
                                                      F.coalesce(F.concat(F.lit(":"), port), F.lit(""))))
        return F.coalesce(origin(F, value(0)), origin(F, value(1)), origin(F, value(2)), host_part, value(5))
    raise ValueError(function)


# ---------------------------------------------------------------------------------------------
# Inputs.


def resolve_inputs(spark, inputs):
    """[(uri as Spark names it, the source lookup would print)] for every file of the inputs:
    a file, a folder (walked recursively, sorted) or a glob (sorted). Raises OSError naming an
    input that matches nothing."""
    jvm = spark._jvm
    conf = spark._jsc.hadoopConfiguration()
    files = []
    seen = set()
    for argument in inputs:
        path = jvm.org.apache.hadoop.fs.Path(argument)
        fs = path.getFileSystem(conf)
        statuses = fs.globStatus(path)
        if statuses is None or len(statuses) == 0:
            raise OSError("%s: no such file or folder" % argument)
        found = []
        for status in sorted(statuses, key=lambda s: s.getPath().toString()):
            if status.isDirectory():
                iterator = fs.listFiles(status.getPath(), True)
                inside = []
                while iterator.hasNext():
                    inner = iterator.next().getPath()
                    # Hidden files, as Hadoop's inputs skip them: .crc, _SUCCESS, editors' files.
                    if not inner.getName().startswith((".", "_")):
                        inside.append(inner)
                found.extend(sorted(inside, key=lambda p: p.toString()))
            else:
                found.append(status.getPath())
        local = not argument.startswith(("hdfs:", "s3a:", "s3:", "gs:", "abfs:", "wasb:", "file:")) \
            and "://" not in argument
        for p in found:
            p = fs.makeQualified(p)
            uri = p.toUri().toString()
            if uri.startswith("file:///"):
                uri = "file:/" + uri[len("file:///"):]  # as Spark's _metadata.file_path names it
            if uri in seen:
                continue
            seen.add(uri)
            display = p.toUri().getPath() if (local or uri.startswith("file:")) else p.toString()
            files.append((uri, display))
    return files


def java_refusal(spark, rule_set):
    """lookup's refusal message for the first pattern java.util.regex does not compile (the
    loader has checked the subset and Python's reading already), or None."""
    pattern_class = spark._jvm.java.util.regex.Pattern
    kinds = [("rule", r["id"], r["pattern"]) for r in rule_set["rules"]]
    kinds += [("extractor", e["field"], e["pattern"]) for e in rule_set["extractors"]]
    kinds += [("layout", x["id"], x["pattern"]) for x in rule_set["layouts"]]
    for kind, ident, pattern in kinds:
        try:
            pattern_class.compile(pattern)
        except Exception:
            return "%s %s: does not compile as a regular expression" % (kind, ident)
    return None


def check_gzip(spark, uri):
    """None when the gzip file decompresses to its end, else the reason (read on the driver's
    JVM: Spark's text source with ignoreCorruptFiles skips the damage without telling)."""
    jvm = spark._jvm
    conf = spark._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(jvm.java.net.URI(uri))
    stream = None
    try:
        fs = path.getFileSystem(conf)
        codec = jvm.org.apache.hadoop.io.compress.CompressionCodecFactory(conf).getCodec(path)
        stream = codec.createInputStream(fs.open(path)) if codec is not None else fs.open(path)
        jvm.org.apache.commons.io.IOUtils.copyLarge(stream, jvm.org.apache.commons.io.output.NullOutputStream.INSTANCE)
        return None
    except Exception as error:  # py4j wraps the Java exception
        text = str(error)
        lines = [x for x in text.splitlines() if "Exception" in x]
        return (lines[0].split(": ", 1)[-1] if lines else text.splitlines()[0]).strip()
    finally:
        if stream is not None:
            try:
                stream.close()
            except Exception:
                pass


# ---------------------------------------------------------------------------------------------
# The job.


def help_link(url, site="Site", base_url=None):
    """Where a problem's help page is, as lookup's --site and --base-url say."""
    if base_url:
        return base_url + url if base_url.endswith("/") else base_url + "/" + url
    return os.path.join(site, url) if site else url


def explain(spark, rule_set, files, site="Site", base_url=None):
    """(findings DataFrame sorted by input and line, lines, bytes) for the files:
    [(uri, source)]. Findings have problem, rule, title, source, line, text, fields (map),
    url, and the order columns fid, log_time, link."""
    from pyspark.sql import functions as F
    from pyspark.sql import Window

    data = rule_set
    rules = data["rules"]
    problems = {p["id"]: p for p in data["problems"]}
    layouts = data["layouts"]
    products = data["products"]
    field_names = [f["name"] for f in data["fields"]]

    file_rows = [(i, uri, source) for i, (uri, source) in enumerate(files)]
    files_df = spark.createDataFrame(file_rows, "fid int, file_path string, source string")
    paths = [uri for uri, _ in files]
    raw = (spark.read.option("lineSep", "\n").format("text").load(paths)
           .select(F.col("value"), F.col("_metadata.file_path").alias("file_path"),
                   F.col("_metadata.file_block_start").alias("block"),
                   F.col("_metadata.file_size").alias("file_size"))
           .withColumn("mid", F.monotonically_increasing_id()))

    # Pass 1: lines per split, turned into the number of each split's first line.
    chunks = (raw.groupBy("file_path", "block")
              .agg(F.count(F.lit(1)).alias("n"), F.min("mid").alias("first_mid"),
                   F.sum(F.octet_length("value")).alias("bytes"), F.first("file_size").alias("size"))
              .collect())
    timing("pass 1: lines per split")
    by_file = {}
    for row in chunks:
        by_file.setdefault(row["file_path"], []).append(row)
    chunk_rows = []
    total_lines = 0
    total_bytes = 0
    known = {uri for uri, _ in files}
    for path, rows in by_file.items():
        rows.sort(key=lambda r: r["block"])
        before = 0
        for row in rows:
            chunk_rows.append((path, int(row["block"]), int(row["first_mid"]), before))
            before += int(row["n"])
        total_lines += before
        text_bytes = sum(int(r["bytes"]) for r in rows) + before
        if path.endswith(".gz"):
            total_bytes += text_bytes  # decompressed; counts a line feed after the last line
        else:
            total_bytes += int(rows[0]["size"])
        if path not in known:
            raise RuntimeError("Spark read %s, which is not among the inputs listed" % path)
    chunk_df = spark.createDataFrame(
        chunk_rows or [("", 0, 0, 0)], "file_path string, block long, first_mid long, before long")

    # Pass 2: candidate lines, the winning rule, its captures, extractors, derived fields.
    gates = gate_literals(rules)
    value = F.col("value")
    gate = None
    for g in gates:
        c = value.contains(g)
        gate = c if gate is None else (gate | c)
    order = sorted(range(len(rules)), key=lambda i: (-rules[i]["priority"], i))
    # Each rule belongs to the first gate that covers it. For each gate found in the line, a
    # CASE over its rules in priority order gives its best (priority, -order); the greatest of
    # those wins: the highest priority, ties to the rule listed first. A line is tested only
    # against the rules of the gates it holds.
    groups = {g: [] for g in gates}
    for i in order:
        rule = rules[i]
        for g in gates:
            if any(g in literal for literal in rule["literals"]):
                groups[g].append(i)
                break
    bests = []
    for g in gates:
        piece = None
        for i in groups[g]:
            rule = rules[i]
            cond = None
            for literal in rule["literals"]:
                c = F.col("line_text").contains(literal)
                cond = c if cond is None else (cond & c)
            cond = cond & F.col("text_str").rlike(rule["pattern"])
            best = F.struct(F.lit(int(rule["priority"])).alias("p"), F.lit(-i).alias("o"))
            piece = F.when(cond, best) if piece is None else piece.when(cond, best)
        if piece is not None:
            bests.append(F.when(F.col("line_text").contains(g), piece))
    win = (F.greatest(*bests) if len(bests) > 1 else bests[0])["o"] * F.lit(-1)

    # text_str: the line without one trailing carriage return (literals are looked for in the
    # line as read, with it).
    candidates = (raw.where(gate)
                  .withColumn("line_text", value)
                  .withColumn("text_str", F.regexp_replace(value, "\r$", ""))
                  .withColumn("w", win)
                  .where(F.col("w").isNotNull()))
    candidates = (candidates.join(F.broadcast(chunk_df), ["file_path", "block"])
                  .withColumn("line", F.col("mid") - F.col("first_mid") + F.col("before") + 1)
                  .join(F.broadcast(files_df), "file_path"))
    t = F.col("text_str")
    fields = {}
    for name in field_names:
        options = []
        for i, rule in enumerate(rules):
            for k, capture in enumerate(rule["captures"]):
                if capture == name:
                    options.append((i, k + 1))
                    break
        if options:
            expr = None
            for i, group in options:
                e = nonempty(F, F.regexp_extract(t, rules[i]["pattern"], group))
                expr = F.when(F.col("w") == i, e) if expr is None else expr.when(F.col("w") == i, e)
            fields[name] = expr
    for extractor in data["extractors"]:
        name = extractor["field"]
        groups = [F.regexp_extract(t, extractor["pattern"], g) for g in extractor["groups"]]
        cond = t.rlike(extractor["pattern"])
        if extractor["literal"]:
            cond = F.col("line_text").contains(extractor["literal"]) & cond
        e = F.when(cond, nonempty(F, transform(F, extractor["transform"], groups)))
        fields[name] = e if name not in fields else F.coalesce(fields[name], e)
    # Materialise captures and extractors, then derive from them.
    candidates = candidates.select("*", *[fields[n].alias("f_" + n) for n in field_names if n in fields])
    for name in field_names:
        if "f_" + name not in candidates.columns:
            candidates = candidates.withColumn("f_" + name, F.lit(None).cast("string"))
    for derived in data["derived"]:
        name = derived["field"]
        e = derive(F, derived["function"], [F.col("f_" + x) for x in derived["inputs"]])
        candidates = candidates.withColumn("f_" + name, F.coalesce(F.col("f_" + name), e))

    def layout_index(col):
        expr = None
        for j, layout in enumerate(layouts):
            cond = col.rlike(layout["pattern"])
            expr = F.when(cond, F.lit(j)) if expr is None else expr.when(cond, F.lit(j))
        return expr if expr is not None else F.lit(None).cast("int")

    candidates = candidates.withColumn("own_layout", layout_index(t))
    found = candidates.persist()
    continuing = found.where(F.col("own_layout").isNull()).select("file_path", "line")
    cont_files = [r["file_path"] for r in continuing.select("file_path").distinct().collect()]
    timing("pass 2: candidate lines matched")
    if cont_files and layouts:
        # Pass 3: the entry of each finding that continues one.
        numbered = (raw.where(F.col("file_path").isin(cont_files))
                    .join(F.broadcast(chunk_df), ["file_path", "block"])
                    .withColumn("line", F.col("mid") - F.col("first_mid") + F.col("before") + 1)
                    .withColumn("text_str", F.regexp_replace(F.col("value"), "\r$", "")))
        starts = (numbered.withColumn("lay", layout_index(F.col("text_str")))
                  .where(F.col("lay").isNotNull())
                  .select("file_path", "line", F.lit(True).alias("start")))
        marks = starts.unionByName(continuing.withColumn("start", F.lit(False)))
        window = Window.partitionBy("file_path").orderBy("line").rowsBetween(Window.unboundedPreceding, -1)
        entry_of = (marks.withColumn("entry_line", F.last(F.when(F.col("start"), F.col("line")), True).over(window))
                    .where(~F.col("start") & F.col("entry_line").isNotNull())
                    .select("file_path", "line", "entry_line"))
        entry_text = (numbered.join(entry_of.select("file_path", F.col("entry_line").alias("line")).distinct(),
                                    ["file_path", "line"])
                      .select("file_path", F.col("line").alias("entry_line"),
                              F.col("text_str").alias("entry_text")))
        entries = entry_of.join(entry_text, ["file_path", "entry_line"]).select("file_path", "line", "entry_text")
        found = found.join(entries, ["file_path", "line"], "left")
    else:
        found = found.withColumn("entry_text", F.lit(None).cast("string"))

    lay_text = F.when(F.col("own_layout").isNotNull(), t).otherwise(F.col("entry_text"))
    found = found.withColumn("lay_text", lay_text).withColumn("lay", layout_index(F.col("lay_text")))
    for name in field_names:
        options = []
        for j, layout in enumerate(layouts):
            if name in layout["captures"]:
                options.append((j, layout["captures"].index(name) + 1))
        if not options:
            continue
        expr = None
        for j, group in options:
            e = F.regexp_extract(F.col("lay_text"), layouts[j]["pattern"], group)
            expr = F.when(F.col("lay") == j, e) if expr is None else expr.when(F.col("lay") == j, e)
        found = found.withColumn("f_" + name, F.coalesce(F.col("f_" + name), nonempty(F, expr)))
    product = None
    for j, layout in enumerate(layouts):
        if layout.get("product"):
            c = F.col("lay") == j
            product = F.when(c, F.lit(layout["product"])) if product is None else product.when(c, F.lit(layout["product"]))
    if product is None:
        product = F.lit(None).cast("string")
    if "f_logger" in found.columns:
        logger = F.col("f_logger")
        by_logger = None
        for info in products:
            cond = None
            for prefix in info["logger_prefixes"]:
                c = logger.startswith(prefix)
                cond = c if cond is None else (cond | c)
            if cond is not None:
                by_logger = F.when(cond, F.lit(info["id"])) if by_logger is None else by_logger.when(cond, F.lit(info["id"]))
        if by_logger is not None:
            product = F.coalesce(product, by_logger)
    name = F.element_at(F.split(F.regexp_replace(F.col("source"), "/+$", ""), "/"), -1)
    name = F.when(name == F.lit(""), F.col("source")).otherwise(name)
    by_name = None
    for info in products:
        cond = None
        for prefix in info["log_file_prefixes"]:
            c = name.startswith(prefix)
            cond = c if cond is None else (cond | c)
        if cond is not None:
            by_name = F.when(cond, F.lit(info["id"])) if by_name is None else by_name.when(cond, F.lit(info["id"]))
    if by_name is not None:
        product = F.coalesce(product, by_name)
    found = found.withColumn("f_product", F.coalesce(product, F.col("f_product")) if "f_product" in found.columns else product)

    pairs = []
    for n in field_names:
        pairs += [F.lit(n), F.col("f_" + n)]
    fields_map = F.map_filter(F.create_map(*pairs), lambda k, v: v.isNotNull())
    rule_problem = F.create_map(*[x for i, r in enumerate(rules) for x in (F.lit(i), F.lit(r["problem"]))])
    rule_id = F.create_map(*[x for i, r in enumerate(rules) for x in (F.lit(i), F.lit(r["id"]))])
    titles = F.create_map(*[x for p in problems.values() for x in (F.lit(p["id"]), F.lit(p["title"]))])
    urls = F.create_map(*[x for p in problems.values() for x in (F.lit(p["id"]), F.lit(help_link(p["url"], site, base_url)))])
    problem = F.element_at(rule_problem, F.col("w"))
    result = (found.select(
        "fid", "line", "source",
        problem.alias("problem"),
        F.element_at(rule_id, F.col("w")).alias("rule"),
        F.substring(t, 1, MAX_TEXT).alias("text"),
        fields_map.alias("fields"),
        F.col("f_log_time").alias("log_time") if "f_log_time" in found.columns else F.lit(None).cast("string").alias("log_time"),
        F.col("f_link").alias("link") if "f_link" in found.columns else F.lit(None).cast("string").alias("link"))
        .withColumn("title", F.element_at(titles, F.col("problem")))
        .withColumn("url", F.element_at(urls, F.col("problem"))))
    return result, total_lines, total_bytes


def finding_json(F, df):
    return df.select(F.to_json(F.struct("problem", "rule", "title", "source", "line", "text", "fields", "url"),
                               {"ignoreNullFields": "true"}).alias("value"))


MAX_LINKS = 100


def summarise(F, findings, problems, lines, total_bytes, milliseconds):
    """The document of lookup --summary --json from the findings DataFrame."""
    rows = (findings.groupBy("problem", "link")
            .agg(F.count(F.lit(1)).alias("count"),
                 F.min(F.struct("fid", "line", "source", "log_time", "text")).alias("first"),
                 F.max(F.struct("fid", "line", "source", "log_time")).alias("last"))
            .collect())
    by_problem = {}
    for row in rows:
        by_problem.setdefault(row["problem"], []).append(row)

    def place(p):
        out = {"source": p["source"], "line": p["line"]}
        if p["log_time"] is not None:
            out["log_time"] = p["log_time"]
        return out

    def key(p):
        return (p["fid"], p["line"])

    entries = []
    for pid, links in by_problem.items():
        links.sort(key=lambda r: key(r["first"]))
        first = min((r["first"] for r in links), key=key)
        last = max((r["last"] for r in links), key=key)
        kept = []
        named = 0
        other = 0
        cut = None
        for r in links:
            if r["link"] is None:
                kept.append(r)
            elif named < MAX_LINKS:
                kept.append(r)
                named += 1
            else:
                cut = r
                break
        if cut is not None:
            # Past the 100th link, lookup counts each later finding of a new link as other,
            # and keeps counting the links it already has: that needs the findings in order.
            known = {r["link"] for r in kept}
            other_rows = (findings.where(F.col("problem") == pid)
                          .select("fid", "line", "link", "source", "log_time").collect())
            counts = {}
            lasts = {}
            other = 0
            for f in sorted(other_rows, key=lambda r: (r["fid"], r["line"])):
                if f["link"] in known:
                    counts[f["link"]] = counts.get(f["link"], 0) + 1
                    lasts[f["link"]] = f
                else:
                    other += 1
            kept = [dict(r.asDict(), count=counts[r["link"]], last=lasts[r["link"]]) for r in kept]
        listed = [(i, r) for i, r in enumerate(kept)]
        listed.sort(key=lambda ir: (ir[1]["link"] is None, -ir[1]["count"], ir[0]))
        info = problems.get(pid, {})
        entry = {
            "problem": pid, "title": info.get("title", pid), "category": info.get("category", ""),
            "count": sum(r["count"] for r in links), "first": place(first), "last": place(last),
            "example": first["text"],
            "links": [dict(({"link": r["link"]} if r["link"] is not None else {}),
                           count=r["count"], first=place(r["first"]), last=place(r["last"]))
                      for _, r in listed],
        }
        if other:
            entry["other_links"] = other
        entries.append((entry, key(first)))
    entries.sort(key=lambda e: (-e[0]["count"], e[1]))
    return {"problems": [e for e, _ in entries], "lines": lines, "bytes": total_bytes,
            "milliseconds": milliseconds}


def spark_session(name="lookup_spark"):
    from pyspark.sql import SparkSession
    builder = (SparkSession.builder.appName(name)
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.sql.files.ignoreCorruptFiles", "true")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", os.environ.get("LOOKUP_SPARK_SHUFFLE_PARTITIONS", "8")))
    return builder.getOrCreate()


def run_job(args):
    started = time.monotonic()
    try:
        rule_set = rules_check.load(args.rules)
    except rules_check.Refused as error:
        sys.stderr.write("lookup_spark: %s: %s\n" % (args.rules, error))
        return 2
    except OSError as error:
        sys.stderr.write("lookup_spark: %s: %s\n" % (args.rules, error.strerror or error))
        return 2
    spark = spark_session()
    spark.sparkContext.setLogLevel("ERROR")
    from pyspark.sql import functions as F
    refusal = java_refusal(spark, rule_set)
    if refusal is not None:
        sys.stderr.write("lookup_spark: %s: %s\n" % (args.rules, refusal))
        spark.stop()
        return 2
    try:
        files = resolve_inputs(spark, args.inputs)
    except OSError as error:
        sys.stderr.write("lookup_spark: %s\n" % error)
        return 2
    errors = []
    for uri, source in files:
        if uri.endswith(".gz"):
            reason = check_gzip(spark, uri)
            if reason is not None:
                errors.append({"source": source, "reason": reason})
                sys.stderr.write("lookup_spark: %s: could not be read in full: %s\n" % (source, reason))
    problems = {p["id"]: p for p in rule_set["problems"]}
    if files:
        findings, lines, total_bytes = explain(spark, rule_set, files, args.site, args.base_url)
        findings = findings.persist()
        ordered = findings.orderBy("fid", "line")
        finding_json(F, ordered).write.mode("overwrite").text(os.path.join(args.out, "findings"))
        timing("findings written (pass 3: entries)")
        summary = summarise(F, findings, problems, lines, total_bytes, 0)
        timing("summary")
    else:
        summary = {"problems": [], "lines": 0, "bytes": 0, "milliseconds": 0}
    summary["milliseconds"] = int((time.monotonic() - started) * 1000)
    document = dict(summary)
    if errors:
        document["errors"] = errors
    write_text(spark, os.path.join(args.out, "summary.json"),
               json.dumps(document, ensure_ascii=False, sort_keys=True) + "\n")
    spark.stop()
    if errors:
        return 2
    return 0 if summary["problems"] else 1


def write_text(spark, path, text):
    """Writes one small file on any file system Hadoop reaches."""
    jvm = spark._jvm
    conf = spark._jsc.hadoopConfiguration()
    target = jvm.org.apache.hadoop.fs.Path(path)
    fs = target.getFileSystem(conf)
    stream = fs.create(target, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()


# ---------------------------------------------------------------------------------------------
# The test vectors.


def run_vectors(args):
    """Every case of rules-tests.json through the Spark engine, every refusal and accepted
    document through the loader. Prints `N passed, M failed`, one line per failure."""
    import tempfile
    with open(args.vectors, encoding="utf-8") as handle:
        vectors = json.load(handle)
    passed = failed = 0
    report = []

    def fail(ident, what):
        nonlocal failed
        failed += 1
        report.append("FAIL %s: %s" % (ident, what))

    for document in vectors["refusals"]:
        try:
            rules_check.check(document["rule_set"])
            fail("refusal " + document["id"], "loaded; expected: %s" % document["reason"])
        except rules_check.Refused as error:
            if str(error) == document["reason"]:
                passed += 1
            else:
                fail("refusal " + document["id"], "said %r; lookup says %r" % (str(error), document["reason"]))
    for document in vectors["accepted"]:
        try:
            rules_check.check(document["rule_set"])
            passed += 1
        except rules_check.Refused as error:
            fail("accepted " + document["id"], "refused: %s" % error)
    rule_set = rules_check.load(args.rules)
    spark = spark_session("lookup_spark vectors")
    spark.sparkContext.setLogLevel("ERROR")
    from pyspark.sql import functions as F
    # java.util.regex compiles every pattern of the rule set and of each accepted document.
    for ident, document in [("rules.json", rule_set)] + [(d["id"], d["rule_set"]) for d in vectors["accepted"]]:
        refusal = java_refusal(spark, document)
        if refusal is None:
            passed += 1
        else:
            fail("java.util.regex " + ident, refusal)
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for index, case in enumerate(vectors["cases"]):
            path = os.path.join(folder, "case-%04d.log" % index)
            with open(path, "wb") as handle:
                handle.write(case["text"].encode("utf-8", "surrogatepass"))
            files.append(("file:" + path, "-"))
        findings, _, _ = explain(spark, rule_set, files)
        got = {}
        for row in findings.select("fid", "line", "problem", "rule", F.to_json("fields").alias("fields")).collect():
            got.setdefault(row["fid"], []).append((row["line"], row["problem"], row["rule"], json.loads(row["fields"])))
    for index, case in enumerate(vectors["cases"]):
        want = [(f["line"], f["problem"], f["rule"], f["fields"]) for f in case["findings"]]
        have = sorted(got.get(index, []), key=lambda x: x[0])
        if have == want:
            passed += 1
        else:
            fail("case " + case["id"], "found %s; expected %s" % (have, want))
    spark.stop()
    for line in report:
        print(line)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="lookup_spark.py", description=__doc__.split("\n")[0])
    parser.add_argument("--rules", required=True, help="the rule set, Site/rules.json")
    parser.add_argument("--out", help="the output folder: findings/ and summary.json")
    parser.add_argument("--site", default="Site", help="folder of the help site, for help-page paths")
    parser.add_argument("--base-url", help="published base URL of the help site")
    parser.add_argument("--vectors", help="run the test vectors of this rules-tests.json instead")
    parser.add_argument("inputs", nargs="*", help="files, folders or globs")
    args = parser.parse_args(argv)
    if args.vectors:
        return run_vectors(args)
    if not args.out or not args.inputs:
        parser.error("--out and at least one INPUT are needed (or --vectors)")
    return run_job(args)


if __name__ == "__main__":
    sys.exit(main())

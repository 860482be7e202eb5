#!/usr/bin/env python3
"""A consumer of AppLinksKB's exported rule set (`Site/rules.json`), standard library only.

It applies the rules the way `Site/rules.schema.json`'s top-level description says and the way
`lookup` (Sources/LogRules) does:

* text is split on line feeds; one trailing carriage return is dropped from each line; a final
  empty piece after the last line feed is not a line; bytes that are not UTF-8 become U+FFFD;
* each line is normalised by the steps of `normalisation`, in order (see normalise()); rules,
  extractors and layouts read the normalised line, a finding's text stays the line as given;
* a rule is a candidate when all of its literals occur in the line; among candidates whose
  pattern matches, the strongest basis wins (code, exception, status, wording), then the
  highest priority, and ties go to the rule listed first;
* a line that an exclusion's pattern matches (another system's failure) gives no finding;
* capture group N of the winning rule gives field captures[N-1];
* extractors run in order for fields not yet set, each only on a line that contains its
  literal (an empty literal is always there); the first that matches and gives a non-empty
  value wins;
* derived fields, then the first matching layout (fields it captures that are still unset, and
  perhaps the product), then the product from the logger's prefix, then from the file name's;
* a line that no layout matches continues the entry of the nearest earlier line that one
  matches (a stack frame, a `Caused by:` line, a wrapped payload): that line's layout gives the
  fields and the product instead.

Inside the portable subset, Python's `re` reads a pattern as ICU (which `lookup` uses) and
JavaScript do, so patterns are compiled as they are.

Like `lookup`, a line longer than the rule set's `max_line_bytes` (1 MiB in the published
rules.json) is matched on its first `max_line_bytes` bytes alone (cut, then a final carriage
return dropped, then decoded); the rest of such a line is skipped, and the lines after it keep
their numbers.

Command line:  python3 -m applinkskb_rules RULES.json [FILE ...]   (no FILE, or '-': stdin)
prints JSON Lines {"problem", "rule", "basis", "line", "fields", "source"}; exit status 0 when something was
found, 1 when nothing was, 2 on an error.

The portable subset comes from Site/portable-subset.json beside this repository's rules.json
(or load_subset(path) passed as `subset`): the checks follow its declaration, not a copy.

Functions: load_rules(path), compile_rules(obj), classify(rule_set, line, source=None,
entry=None), explain_text(rule_set, text, source="-"), explain_bytes(rule_set, data,
source="-"), link_origin_of(text).
"""

import datetime
import json
import os
import re
import sys

# The checks of a rule set, with lookup's own messages: the package's loader (check.py beside
# it, standard library only).
from . import check as rules_check

__all__ = [
    "RuleSet",
    "RuleSetError",
    "load_rules",
    "compile_rules",
    "classify",
    "explain_text",
    "explain_bytes",
    "percent_decode",
    "main",
]

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1


#: The rule set cannot be applied exactly (lookup refuses it too): `code` is lookup's refusal code,
#: str() the message.
RuleSetError = rules_check.Refused

# ---------------------------------------------------------------------------------------------
# Patterns: the portable subset, as Site/portable-subset.json declares it.

DEFAULT_SUBSET = os.path.join(rules_check.REPOSITORY_SITE, "portable-subset.json")


def load_subset(path=DEFAULT_SUBSET):
    """The portable subset as published by kb build: {"forbidden": [{kind, construct, reason}]}."""
    return rules_check.load_subset(path)


def non_portable_construct(pattern, subset=None):
    """The reason `pattern` is outside the portable subset, or None; the first construct of the
    subset's list that the pattern contains, read as its description says."""
    return rules_check.non_portable(pattern, subset or load_subset())


def _compile(pattern, kind, ident, subset):
    """A pattern that rules_check.check accepted, compiled."""
    return rules_check._compile(pattern, kind, ident, subset)


# ---------------------------------------------------------------------------------------------
# Transforms and derived fields.


def _is_hex(byte):
    return 0x30 <= byte <= 0x39 or 0x41 <= byte <= 0x46 or 0x61 <= byte <= 0x66


def percent_decode(text):
    """Percent-decoding on bytes: `%XX` with two hex digits becomes that byte, anything else is
    kept; the bytes are then read as UTF-8, invalid sequences replaced by U+FFFD."""
    if "%" not in text:
        return text
    data = text.encode("utf-8", "surrogatepass")
    out = bytearray()
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b == 0x25 and i + 2 < n and _is_hex(data[i + 1]) and _is_hex(data[i + 2]):
            out.append(int(data[i + 1 : i + 3], 16))
            i += 3
        else:
            out.append(b)
            i += 1
    return out.decode("utf-8", "replace")


def _transform(name, groups):
    if not groups:
        return None
    first = groups[0]
    if name == "none":
        return first
    if name == "percent":
        return percent_decode(first)
    if name == "form":
        return percent_decode(first.replace("+", " "))
    if name == "base_string_method":
        return percent_decode(first).split("&")[0]
    if name == "base_string_url":
        parts = percent_decode(first).split("&")
        return percent_decode(parts[1]) if len(parts) > 1 else None
    if name == "parameter_list":
        parts = [part for part in percent_decode(first).split("&") if part]
        return ", ".join(percent_decode(part) for part in parts)
    if name == "range":
        return "%s-%s" % (groups[0], groups[1]) if len(groups) == 2 else None
    raise RuleSetError(rules_check.UNKNOWN_VALUE, "unknown transform " + repr(name))


_INTEGER = re.compile(r"[+-]?[0-9]+")


def _int64(text):
    """A decimal integer as Swift's Int64(String) reads it; None outside signed 64 bits."""
    if text is None or not _INTEGER.fullmatch(text):
        return None
    value = int(text)
    return value if INT64_MIN <= value <= INT64_MAX else None


def _window_middle(text):
    """The middle of a `start-end` window of Unix seconds, rounded down (split at the first '-')."""
    if text is None or "-" not in text:
        return None
    head, _, tail = text.partition("-")
    start, end = _int64(head), _int64(tail)
    if start is None or end is None:
        return None
    return (start + end) // 2  # floor division: rounded down, also for negative sums


_EPOCH = datetime.datetime(1970, 1, 1)
_FIRST_SECOND = -62135596800  # 0001-01-01T00:00:00Z
_END_SECOND = 253402300800  # 10000-01-01T00:00:00Z


def _iso8601(seconds):
    """YYYY-MM-DDTHH:MM:SSZ for years 1...9999, else None."""
    if not _FIRST_SECOND <= seconds < _END_SECOND:
        return None
    t = _EPOCH + datetime.timedelta(seconds=seconds)
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (t.year, t.month, t.day, t.hour, t.minute, t.second)


_ASCII_LOWER = {code: code + 32 for code in range(0x41, 0x5B)}


def _ascii_lower(text):
    """Only A-Z change, as in lookup: str.lower() would change other letters too."""
    return text.translate(_ASCII_LOWER)


def link_origin_of(text):
    """scheme://host[:port] of an http or https URL with a host, as rules.schema.json's
    link_origin says; None for anything else."""
    separator = text.find("://")
    if separator < 0:
        return None
    scheme = _ascii_lower(text[:separator])
    if scheme not in ("http", "https"):
        return None
    authority = text[separator + 3:]
    for index, character in enumerate(authority):
        if character in "/?#":
            authority = authority[:index]
            break
    at = authority.rfind("@")
    if at >= 0:
        authority = authority[at + 1:]
    port = ""
    if authority.startswith("["):
        close = authority.find("]")
        if close < 0:
            return None
        host, after = authority[:close + 1], authority[close + 1:]
        if after:
            if after[0] != ":":
                return None
            port = after[1:]
    elif ":" in authority:
        host, _, port = authority.partition(":")
    else:
        host = authority
    if not host or not all("0" <= c <= "9" for c in port):
        return None
    default = "80" if scheme == "http" else "443"
    return scheme + "://" + _ascii_lower(host) + ("" if port in ("", default) else ":" + port)


def _link(inputs):
    """link_origin: three URLs in order, then host and port, then the consumer key."""
    def value(position):
        text = inputs[position] if position < len(inputs) else None
        return text if text else None
    for position in range(3):
        url = value(position)
        origin = link_origin_of(url) if url is not None else None
        if origin is not None:
            return origin
    host = value(3)
    if host is not None:
        port = value(4)
        return _ascii_lower(host) + (":" + port if port is not None else "")
    return value(5)


def _derive(function, inputs):
    if function == "window_middle_iso8601":
        middle = _window_middle(inputs[0] if inputs else None)
        return None if middle is None else _iso8601(middle)
    if function == "seconds_from_window_middle":
        if len(inputs) != 2:
            return None
        request, middle = _int64(inputs[0]), _window_middle(inputs[1])
        if request is None or middle is None:
            return None
        skew = request - middle
        return str(skew) if INT64_MIN <= skew <= INT64_MAX else None
    if function == "link_origin":
        return _link(inputs)
    raise RuleSetError(rules_check.UNKNOWN_VALUE, "unknown derived function " + repr(function))


# ---------------------------------------------------------------------------------------------
# Normalisation: rules.json `normalisation`, applied to a line before anything matches it.

_QUOTE_MARKERS = re.compile(r"^(?:[ \t]*>)+[ \t]?")
_LINE_GUTTER = re.compile("^[ \t]*[0-9]{1,6}[ \t]*[|\u2502][ \t]?")
_BULLET = re.compile("^[ \t]*(?:[-*+\u2022]|[0-9]{1,3}[.)])[ \t]+")
_ENTITY = re.compile(r"&(?:(quot|amp|lt|gt|apos|nbsp)|#([0-9]{1,7})|#[xX]([0-9A-Fa-f]{1,6}));")
_ENTITY_NAMES = {"quot": '"', "amp": "&", "lt": "<", "gt": ">", "apos": "'", "nbsp": " "}
_ESCAPE = re.compile(r'\\(?:(["/\\])|([nr])|(t)|u([0-9A-Fa-f]{4}))')


def _printable(value):
    return chr(value) if 0x20 <= value <= 0x7E else None


def _entity(m):
    if m.group(1):
        return _ENTITY_NAMES[m.group(1)]
    value = _printable(int(m.group(2)) if m.group(2) else int(m.group(3), 16))
    return m.group(0) if value is None else value


def _escape(m):
    if m.group(1):
        return m.group(1)
    if m.group(2):
        return " "
    if m.group(3):
        return "\t"
    value = _printable(int(m.group(4), 16))
    return m.group(0) if value is None else value


_STEPS = {
    "trailing_carriage_return": lambda s: s[:-1] if s.endswith("\r") else s,
    "quote_markers": lambda s: _QUOTE_MARKERS.sub("", s, count=1),
    "line_gutter": lambda s: _LINE_GUTTER.sub("", s, count=1),
    "bullets": lambda s: _BULLET.sub("", s, count=1),
    "code_spans": lambda s: s.replace("`", ""),
    "html_entities": lambda s: _ENTITY.sub(_entity, s),
    "json_escapes": lambda s: _ESCAPE.sub(_escape, s),
}


def normalise(line, steps):
    """`line` after each step of rules.json `normalisation`, in order."""
    for step in steps:
        line = _STEPS[step](line)
    return line


BASES = ["code", "exception", "status", "wording"]


def _outranks(rule, other):
    """The stronger basis wins, then the higher priority; on a tie the earlier rule stays."""
    if rule["basis"] != other["basis"]:
        return BASES.index(rule["basis"]) < BASES.index(other["basis"])
    return rule["priority"] > other["priority"]


# ---------------------------------------------------------------------------------------------
# The compiled rule set.

class RuleSet:
    """A rule set with its patterns compiled. Build it with load_rules or compile_rules."""

    def __init__(self, data, subset=None):
        self.subset = subset or load_subset()
        # Refused here, before anything is compiled, with lookup's code.
        rules_check.check(data, subset=self.subset)
        self.data = data
        #: The longest line read, in bytes: a longer one is matched on its first this many.
        self.max_line_bytes = data["max_line_bytes"]
        self.problems = {p["id"]: p for p in data["problems"]}
        self.products = data["products"]
        self.rules = []  # (rule, regex, literal byte strings)
        for rule in data["rules"]:
            regex = _compile(rule["pattern"], "rule", rule["id"], self.subset)
            encoded = [x.encode("utf-8", "surrogatepass") for x in rule["literals"]]
            self.rules.append((rule, regex, encoded))
        self.literals = sorted({x for _, _, encoded in self.rules for x in encoded})
        self.extractors = [
            (extractor, _compile(extractor["pattern"], "extractor", extractor["field"], self.subset),
             extractor["literal"].encode("utf-8", "surrogatepass"))
            for extractor in data["extractors"]]
        self.derived = data["derived"]
        self.layouts = [(layout, _compile(layout["pattern"], "layout", layout["id"], self.subset))
                        for layout in data["layouts"]]
        self.normalisation = data["normalisation"]
        self.exclusions = [_compile(x["pattern"], "exclusion", x["id"], self.subset) for x in data["exclusions"]]

    # -- one line ----------------------------------------------------------------------------

    def match(self, line, raw=None, source=None, entry=None):
        """Explains one line (str, without its line feed); `raw` are its bytes as read (the
        literals are looked for there, as lookup's automaton does); `entry` is entry_fields()
        of the nearest earlier line that starts an entry. None when no rule matches."""
        normal = normalise(line, self.normalisation)
        if raw is None or normal != line:
            line, raw = normal, normal.encode("utf-8", "surrogatepass")
        present = {x for x in self.literals if x in raw}
        if not present:
            return None
        best = None
        for rule, regex, literals in self.rules:
            if best is not None and not _outranks(rule, best[0]):
                continue
            if not all(x in present for x in literals):
                continue
            m = regex.search(line)
            if m:
                best = (rule, m)
        if best is None or any(x.search(line) for x in self.exclusions):
            return None
        rule, m = best
        fields = {}
        for index, name in enumerate(rule["captures"]):
            if name and m.group(index + 1) is not None:
                fields[name] = m.group(index + 1)
        self._extract(line, raw, fields)
        self._identify_product(line, source, fields, entry)
        return {"problem": rule["problem"], "rule": rule["id"], "basis": rule["basis"], "fields": fields}

    def entry_fields(self, line):
        """(fields, product) of the first layout that matches `line`: it starts an entry. None
        when no layout matches: the line continues the entry before it."""
        line = normalise(line, self.normalisation)
        for layout, regex in self.layouts:
            m = regex.search(line)
            if not m:
                continue
            fields = {}
            for index, name in enumerate(layout["captures"]):
                if index + 1 <= regex.groups:
                    value = m.group(index + 1)
                    if value is not None and name not in fields:
                        fields[name] = value
            return fields, layout.get("product")
        return None

    def _extract(self, line, raw, fields):
        for extractor, regex, extractor_literal in self.extractors:
            if extractor["field"] in fields:
                continue
            # Looked for in the line's bytes as read, like the rules' literals; an empty
            # literal is always there.
            if extractor_literal not in raw:
                continue
            m = regex.search(line)
            if not m:
                continue
            texts = [m.group(g) for g in extractor["groups"]]
            if any(t is None for t in texts):
                continue
            value = _transform(extractor["transform"], texts)
            if value:
                fields[extractor["field"]] = value
        for derived in self.derived:
            if derived["field"] in fields:
                continue
            value = _derive(derived["function"], [fields.get(name) for name in derived["inputs"]])
            if value is not None:
                fields[derived["field"]] = value

    def _identify_product(self, line, source, fields, entry=None):
        product = None
        layout = self.entry_fields(line) or entry
        if layout is not None:
            captured, product = layout
            for name, value in captured.items():
                if name not in fields:
                    fields[name] = value
        if product is None and "logger" in fields:
            logger = fields["logger"]
            for info in self.products:
                if any(logger.startswith(prefix) for prefix in info["logger_prefixes"]):
                    product = info["id"]
                    break
        if product is None and source is not None:
            parts = [part for part in source.split("/") if part]
            name = parts[-1] if parts else source
            for info in self.products:
                if any(name.startswith(prefix) for prefix in info["log_file_prefixes"]):
                    product = info["id"]
                    break
        if product is not None:
            fields["product"] = product

    # -- a whole stream ----------------------------------------------------------------------

    def explain_bytes(self, data, source="-", max_line_bytes=None):
        """Findings for every line of `data` (bytes), in order, reading it as lookup reads a
        regular file; lines cut at `max_line_bytes` when given, else at the rule set's."""
        findings = []
        entry = None  # what the last line that started an entry tells the lines after it
        for number, raw in _lines(bytes(data), max_line_bytes or self.max_line_bytes):
            stop = len(raw) - 1 if raw.endswith(b"\r") else len(raw)
            text = raw[:stop].decode("utf-8", "replace")
            found = self.match(text, raw=raw, source=source, entry=entry)
            entry = self.entry_fields(text) or entry
            if found is not None:
                findings.append(
                    {"problem": found["problem"], "rule": found["rule"], "basis": found["basis"], "line": number,
                     "fields": found["fields"], "source": source})
        return findings


def _lines(data, max_line):
    """(line number, bytes) for each line of `data` as lookup reads it: split on line feeds, no
    line after a final line feed, each line cut at `max_line` bytes (the rest of a longer line
    is skipped; the lines after it keep their numbers)."""
    pieces = data.split(b"\n")
    if pieces and pieces[-1] == b"":
        pieces.pop()
    for index, piece in enumerate(pieces):
        yield index + 1, piece[:max_line]


# ---------------------------------------------------------------------------------------------
# The function interface.


def load_rules(path):
    """Reads and compiles a rules.json file; RuleSetError with lookup's code when refused."""
    data = rules_check.load(path)
    return RuleSet(data, load_subset(rules_check.default_subset(path)))


def compile_rules(rule_set):
    """A compiled RuleSet from a RuleSet (returned as it is) or from the parsed JSON object."""
    if isinstance(rule_set, RuleSet):
        return rule_set
    cached = _CACHE.get(id(rule_set))
    if cached is not None and cached[0] is rule_set:
        return cached[1]
    compiled = RuleSet(rule_set)
    _CACHE[id(rule_set)] = (rule_set, compiled)
    return compiled


_CACHE = {}


def classify(rule_set, line, source=None, entry=None):
    """Explains one line (str, without its line feed; one trailing carriage return is dropped
    as lookup does). Returns {"problem", "rule", "fields"} or None. `source` is the file path
    whose name may tell the product; `entry` is RuleSet.entry_fields() of the nearest earlier
    line that starts an entry, for a line that continues it."""
    compiled = compile_rules(rule_set)
    raw = bytes(line) if isinstance(line, (bytes, bytearray)) else line.encode("utf-8", "surrogatepass")
    stop = len(raw) - 1 if raw.endswith(b"\r") else len(raw)
    return compiled.match(raw[:stop].decode("utf-8", "replace"), raw=raw, source=source, entry=entry)


def explain_text(rule_set, text, source="-", max_line_bytes=None):
    """Findings {"problem", "rule", "line", "fields", "source"} for every explained line of `text`
    (str or bytes), in line order; lines cut at `max_line_bytes` when given, else at the rule
    set's."""
    if isinstance(text, str):
        text = text.encode("utf-8", "surrogatepass")
    return compile_rules(rule_set).explain_bytes(text, source=source, max_line_bytes=max_line_bytes)


def explain_bytes(rule_set, data, source="-", max_line_bytes=None):
    return compile_rules(rule_set).explain_bytes(data, source=source, max_line_bytes=max_line_bytes)


# ---------------------------------------------------------------------------------------------
# Command line.


def main(argv=None):
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        sys.stderr.write("usage: python3 -m applinkskb_rules RULES.json [FILE ...]\n")
        return 2 if not args else 0
    try:
        compiled = load_rules(args[0])
    except (OSError, RuleSetError) as error:
        code = getattr(error, "code", None)
        sys.stderr.write("applinkskb_rules: %s: %s%s\n" % (args[0], "error[%s]: " % code if code else "", error))
        return 2
    out = sys.stdout.buffer
    found = False
    for path in args[1:] or ["-"]:
        try:
            if path == "-":
                data = sys.stdin.buffer.read()
            elif os.path.isdir(path):
                raise OSError("is a directory, not a log file")
            else:
                with open(path, "rb") as handle:
                    data = handle.read()
        except OSError as error:
            sys.stderr.write("applinkskb_rules: %s: %s\n" % (path, error.strerror or error))
            return 2
        for finding in compiled.explain_bytes(data, source=path):
            found = True
            out.write(json.dumps(finding, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
    out.flush()
    return 0 if found else 1

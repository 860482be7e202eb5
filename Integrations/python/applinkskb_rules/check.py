"""Loads Site/rules.json and refuses it as `lookup --rules` does: with lookup's code for the kind
of refusal (docs/refusal-codes.md) and, mostly, lookup's words.

The checks run in lookup's order (Sources/LogRules/RuleSetJSON.swift, Matcher.swift): the
top level and schema_version, unknown keys (sorted, as lookup lists them), numbers, the
decoding of each key in the order of lookup's types, then references, literals, fields, and
last the patterns (the portable subset, then whether they compile), rules, extractors, layouts.
Standard library only; the portable subset is read from its published declaration
(portable-subset.json beside the rules, or Site/ of this repository).
"""

import json
import os
import re

SCHEMA_VERSION = 4
# The ranges lookup accepts for the limits of rules.json (RuleSet.swift); the values themselves
# come from the rule set.
LIMITS = [("max_line_bytes", 1, 64 << 20), ("summary_max_links", 1, 1000000)]
MAX_LITERAL_BYTES = 1024
MAX_TOTAL_LITERAL_BYTES = 65536


# The refusal codes (docs/refusal-codes.md, declared in Sources/LogRules/RefusalCode.swift):
# every conforming loader refuses a rule set with the same code, whatever its words.
NOT_JSON = "E0001"
UNSUPPORTED_SCHEMA_VERSION = "E0002"
WRONG_TYPE = "E0003"
MISSING_FIELD = "E0004"
UNKNOWN_FIELD = "E0005"
UNKNOWN_VALUE = "E0006"
NUMBER_OUT_OF_RANGE = "E0007"
DUPLICATE_ID = "E0008"
UNKNOWN_REFERENCE = "E0009"
UNDECLARED_FIELD = "E0010"
NO_USABLE_LITERAL = "E0011"
LITERAL_TOO_LARGE = "E0012"
LITERAL_LINE_FEED = "E0013"
NON_PORTABLE_PATTERN = "E0014"
PATTERN_DOES_NOT_COMPILE = "E0015"
GROUP_NOT_IN_PATTERN = "E0016"
EXTRACTOR_GROUPS = "E0017"


class Refused(ValueError):
    """The rule set is refused: `code` is the kind of refusal (E0001 ...), the same as lookup's;
    str() is the message. `code` is None when the file cannot be read at all, or the portable
    subset's declaration cannot be used: those are not refusals of the rule set."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def _malformed(code, text):
    return Refused(code, "not a valid rule set: " + text)


KEYS = {
    "": ["schema_version", "catalogue_version", "problems", "products", "rules", "extractors",
         "derived", "layouts", "fields", "link_status", "normalisation", "exclusions", "$schema",
         "max_line_bytes", "summary_max_links"],
    "problems": ["id", "title", "summary", "meaning", "category", "category_title", "oauth_problem",
                 "link_status_types", "log_message", "causes", "products", "url"],
    "products": ["id", "name", "application_logs", "web_server_logs", "log_files", "logger_prefixes",
                 "log_file_prefixes"],
    "rules": ["id", "problem", "shape", "basis", "literals", "pattern", "captures", "priority"],
    "extractors": ["field", "literal", "pattern", "groups", "transform"],
    "derived": ["field", "function", "inputs"],
    "exclusions": ["id", "system", "pattern"],
    "layouts": ["id", "product", "pattern", "captures"],
    "fields": ["name", "label", "description", "sentence", "group", "format"],
    "link_status.lozenges": ["text", "meaning"],
    "link_status.categories": ["name", "meaning", "types"],
}

# Types in the order lookup's Codable structs declare them: (key, type, optional).
S, SS, I, II = "string", "[string]", "int", "[int]"  # noqa: E741 (I is a whole number)
TRANSFORMS = ["none", "percent", "form", "base_string_method", "base_string_url", "parameter_list", "range"]
FUNCTIONS = ["window_middle_iso8601", "seconds_from_window_middle", "link_origin"]
BASES = ["code", "exception", "status", "wording"]
NORMALISATION = ["trailing_carriage_return", "quote_markers", "line_gutter", "bullets", "code_spans",
                 "html_entities", "json_escapes"]
CAUSE = [("description", S, False), ("actions", SS, False)]
SHAPES = {
    "problems": [("id", S, False), ("title", S, False), ("summary", S, False), ("meaning", S, False),
                 ("category", S, False), ("category_title", S, False), ("oauth_problem", S, True),
                 ("link_status_types", SS, False), ("log_message", S, False), ("causes", ("list", CAUSE), False),
                 ("products", SS, False), ("url", S, False)],
    "products": [("id", S, False), ("name", S, False), ("application_logs", SS, False),
                 ("web_server_logs", SS, False), ("log_files", SS, False), ("logger_prefixes", SS, False),
                 ("log_file_prefixes", SS, False)],
    "rules": [("id", S, False), ("problem", S, False), ("shape", S, False), ("literals", SS, False),
              ("pattern", S, False), ("captures", SS, False), ("basis", ("enum", BASES), False),
              ("priority", I, False)],
    "extractors": [("field", S, False), ("literal", S, False), ("pattern", S, False), ("groups", II, False),
                   ("transform", ("enum", TRANSFORMS), False)],
    "derived": [("field", S, False), ("function", ("enum", FUNCTIONS), False),
                ("inputs", SS, False)],
    "layouts": [("id", S, False), ("product", S, True), ("pattern", S, False), ("captures", SS, False)],
    "fields": [("name", S, False), ("label", S, False), ("description", S, False), ("sentence", S, False),
               ("group", ("enum", ["evidence", "origin"]), False),
               ("format", ("enum", ["text", "utc_time", "seconds_offset"]), False)],
}
TOP = [("schema_version", I, False), ("catalogue_version", S, False)] + [
    (name, ("list", SHAPES[name]), False)
    for name in ("problems", "products", "rules", "extractors", "derived", "layouts", "fields")] + [
    ("link_status", ("object", [("lozenges", ("list", [("text", S, False), ("meaning", S, False)]), False),
                                ("categories", ("list", [("name", S, False), ("meaning", S, False),
                                                         ("types", SS, False)]), False)]), False),
    ("normalisation", ("enumlist", NORMALISATION), False),
    ("exclusions", ("list", [("id", S, False), ("system", S, False), ("pattern", S, False)]), False),
    ("max_line_bytes", I, False), ("summary_max_links", I, False)]


def _found(value):
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "null"


def _mismatch(path, expected, value):
    return _malformed(WRONG_TYPE, "%s: expected %s, found %s" % (path, expected, _found(value)))


def _decode(value, kind, path):
    if kind == S:
        if not isinstance(value, str):
            raise _mismatch(path, "a string", value)
    elif kind == I:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
            raise _mismatch(path, "a whole number", value)
    elif kind in (SS, II):
        if not isinstance(value, list):
            raise _mismatch(path, "an array", value)
        for index, item in enumerate(value):
            _decode(item, S if kind == SS else I, "%s[%d]" % (path, index))
    elif kind[0] == "enumlist":
        if not isinstance(value, list):
            raise _mismatch(path, "an array", value)
        for index, item in enumerate(value):
            _decode(item, ("enum", kind[1]), "%s[%d]" % (path, index))
    elif kind[0] == "enum":
        if not isinstance(value, str):
            raise _mismatch(path, "a string", value)
        if value not in kind[1]:
            raise _malformed(UNKNOWN_VALUE, "%s: unknown value '%s' (expected one of: %s)"
                             % (path, value, ", ".join(kind[1])))
    elif kind[0] == "list":
        if not isinstance(value, list):
            raise _mismatch(path, "an array", value)
        for index, item in enumerate(value):
            _decode(item, ("object", kind[1]), "%s[%d]" % (path, index))
    elif kind[0] == "object":
        if not isinstance(value, dict):
            raise _mismatch(path, "an object", value)
        for key, sub, optional in kind[1]:
            if key not in value or (optional and value[key] is None):
                if optional:
                    continue
                raise _malformed(MISSING_FIELD, "missing field '%s'%s" % (key, " in " + path if path else ""))
            _decode(value[key], sub, (path + "." if path else "") + key)


def _whole(value, low, high):
    if isinstance(value, bool):
        value = int(value)  # an NSNumber, as lookup reads JSON
    if not isinstance(value, (int, float)) or value != value:
        return False
    try:
        return float(value) == int(value) and low <= int(value) <= high
    except (OverflowError, ValueError):
        return False


def _check_keys(top):
    for key in sorted(top):
        if key not in KEYS[""]:
            raise _malformed(UNKNOWN_FIELD, "unknown field '%s' at the top level" % key)
    status = top.get("link_status") if isinstance(top.get("link_status"), dict) else None
    for key in sorted(status or {}):
        if key not in ("lozenges", "categories"):
            raise _malformed(UNKNOWN_FIELD, "unknown field '%s' in link_status" % key)
    for section in sorted(k for k in KEYS if k):
        nested = section.startswith("link_status.")
        value = (status or {}).get(section[len("link_status."):]) if nested else top.get(section)
        if not isinstance(value, list):
            continue
        for index, entry in enumerate(value):
            if not isinstance(entry, dict):
                continue
            for key in sorted(entry):
                if key not in KEYS[section]:
                    ident = next((entry[k] for k in ("id", "field", "name") if k in entry), None)
                    suffix = " (%s)" % _describe(ident) if ident is not None else ""
                    raise _malformed(UNKNOWN_FIELD, "unknown field '%s' in %s[%d]%s" % (key, section, index, suffix))


def _describe(value):
    if isinstance(value, str):
        return value
    return json.dumps(value)


def _check_numbers(top):
    for key, low, high in LIMITS:
        if key in top and not _whole(top[key], low, high):
            raise _malformed(NUMBER_OUT_OF_RANGE, "%s must be a whole number from %d to %d" % (key, low, high))
    for index, rule in enumerate(top.get("rules") if isinstance(top.get("rules"), list) else []):
        if not isinstance(rule, dict) or "priority" not in rule:
            continue
        if not _whole(rule["priority"], -1000000, 1000000):
            raise _malformed(NUMBER_OUT_OF_RANGE,
                             "rules[%d].priority must be a whole number from -1000000 to 1000000" % index)
    for index, extractor in enumerate(top.get("extractors") if isinstance(top.get("extractors"), list) else []):
        groups = extractor.get("groups") if isinstance(extractor, dict) else None
        if not isinstance(groups, list):
            continue
        if not all(_whole(g, 0, 99) for g in groups):
            raise _malformed(NUMBER_OUT_OF_RANGE, "extractors[%d].groups must be whole numbers from 0 to 99" % index)


def _utf8(text):
    return len(text.encode("utf-8", "surrogatepass"))


def _check_references(data):
    literals = {x for rule in data["rules"] for x in rule["literals"]} | {e["literal"] for e in data["extractors"]}
    total = sum(_utf8(x) for x in literals)
    if total > MAX_TOTAL_LITERAL_BYTES:
        raise _malformed(LITERAL_TOO_LARGE, "the literals add up to %d bytes; at most %d are allowed"
                         % (total, MAX_TOTAL_LITERAL_BYTES))
    problems = set()
    for problem in data["problems"]:
        if problem["id"] in problems:
            raise Refused(DUPLICATE_ID, "problem %s: appears more than once" % problem["id"])
        problems.add(problem["id"])
    rules = set()
    for rule in data["rules"]:
        ident = rule["id"]
        if ident in rules:
            raise Refused(DUPLICATE_ID, "rule %s: appears more than once" % ident)
        rules.add(ident)
        if rule["problem"] not in problems:
            raise Refused(UNKNOWN_REFERENCE, "rule %s: names unknown problem '%s'" % (ident, rule["problem"]))
        if not rule["literals"] or any(not x for x in rule["literals"]):
            raise Refused(NO_USABLE_LITERAL, "rule %s: needs at least one non-empty literal" % ident)
        long = [x for x in rule["literals"] if _utf8(x) > MAX_LITERAL_BYTES]
        if long:
            raise Refused(LITERAL_TOO_LARGE, "rule %s: a literal of %d bytes is longer than %d"
                          % (ident, _utf8(long[0]), MAX_LITERAL_BYTES))
        if any("\n" in x for x in rule["literals"]):
            raise Refused(LITERAL_LINE_FEED, "rule %s: a literal contains a line feed" % ident)
        if abs(int(rule["priority"])) > 1000000:
            raise Refused(NUMBER_OUT_OF_RANGE, "rule %s: priority %d is out of range" % (ident, rule["priority"]))
    for extractor in data["extractors"]:
        field = extractor["field"]
        if not extractor["groups"]:
            raise Refused(EXTRACTOR_GROUPS, "extractor %s: needs at least one group" % field)
        if any(g < 0 or g > 99 for g in extractor["groups"]):
            raise Refused(NUMBER_OUT_OF_RANGE, "extractor %s: groups must be whole numbers from 0 to 99" % field)
        if extractor["transform"] == "range" and len(extractor["groups"]) != 2:
            raise Refused(EXTRACTOR_GROUPS, "extractor %s: range needs two groups" % field)
    declared = set()
    for field in data["fields"]:
        if field["name"] in declared:
            raise Refused(DUPLICATE_ID, "field %s: appears more than once" % field["name"])
        declared.add(field["name"])
    uses = [("rule", r["id"], r["captures"]) for r in data["rules"]]
    uses += [("extractor", e["field"], [e["field"]]) for e in data["extractors"]]
    uses += [("derived", d["field"], [d["field"]] + d["inputs"]) for d in data["derived"]]
    uses += [("layout", x["id"], x["captures"]) for x in data["layouts"]]
    uses.append(("rule set", "fields", ["product"]))
    for kind, ident, names in uses:
        for name in names:
            if name and name not in declared:
                raise Refused(UNDECLARED_FIELD, "%s %s: names undeclared field '%s'" % (kind, ident, name))
    products = {p["id"] for p in data["products"]}
    for layout in data["layouts"]:
        if layout.get("product") is not None and layout["product"] not in products:
            raise Refused(UNKNOWN_REFERENCE,
                          "layout %s: names unknown product '%s'" % (layout["id"], layout["product"]))


# ---------------------------------------------------------------------------------------------
# Patterns: the portable subset as published, then Python re as a stand-in for compiling (the
# job compiles each pattern with java.util.regex too, see java_check).

_SUBSET = {}


def load_subset(path):
    if path not in _SUBSET:
        with open(path, encoding="utf-8") as handle:
            subset = json.load(handle)
        if subset.get("schema_version") != 1:
            raise Refused(None, "%s: portable subset schema_version %r is not supported"
                          % (path, subset.get("schema_version")))
        _SUBSET[path] = subset
    return _SUBSET[path]


def _first_scalar(pattern, visit):
    """Whether visit(index, in_class) is true at an unescaped character of `pattern` other than a
    class's brackets; a ']' right after '[' or '[^' is a member of the class."""
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class and c == "]":
            in_class = False
        elif not in_class and c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                i += 1
            if pattern[i + 1:i + 2] == "]":
                i += 1
                if visit(i, True):
                    return True
        elif visit(i, in_class):
            return True
        i += 1
    return False


def non_portable(pattern, subset):
    """The reason `pattern` is outside the portable subset, or None: the first construct of the
    subset's list that it contains, read as the subset's description says."""
    plain = []
    escapes = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\":
            escapes.append(i)
            plain.append("\x01")
            i += 2
        else:
            plain.append(pattern[i])
            i += 1
    plain = "".join(plain)
    for construct in subset["forbidden"]:
        kind, text = construct["kind"], construct["construct"]
        if kind == "escape":
            found = any(pattern.startswith(text, s) for s in escapes)
        elif kind == "sequence":
            found = text in plain
        elif kind == "bare_dot":
            found = _first_scalar(pattern, lambda at, in_class: not in_class and pattern[at] == ".")
        elif kind == "class_operator":
            found = _first_scalar(pattern, lambda at, in_class, text=text: in_class and pattern.startswith(text, at))
        else:
            raise Refused(None, "the portable subset names an unknown kind %r" % kind)
        if found:
            return construct["reason"]
    return None


def _compile(pattern, kind, ident, subset):
    reason = non_portable(pattern, subset)
    if reason:
        raise Refused(NON_PORTABLE_PATTERN, "%s %s: %s" % (kind, ident, reason))
    try:
        regex = re.compile(pattern)
    except (re.error, ValueError, IndexError, RecursionError) as error:
        raise Refused(PATTERN_DOES_NOT_COMPILE,
                      "%s %s: does not compile as a regular expression" % (kind, ident)) from error
    return regex


def _check_patterns(data, subset):
    for rule in data["rules"]:
        regex = _compile(rule["pattern"], "rule", rule["id"], subset)
        if regex.groups < len(rule["captures"]):
            raise Refused(GROUP_NOT_IN_PATTERN, "rule %s: names %d captures but the pattern has %d groups"
                          % (rule["id"], len(rule["captures"]), regex.groups))
    for extractor in data["extractors"]:
        regex = _compile(extractor["pattern"], "extractor", extractor["field"], subset)
        if extractor["groups"] and max(extractor["groups"]) > regex.groups:
            raise Refused(GROUP_NOT_IN_PATTERN,
                          "extractor %s: the pattern has no group %d" % (extractor["field"], max(extractor["groups"])))
    for layout in data["layouts"]:
        _compile(layout["pattern"], "layout", layout["id"], subset)
    for exclusion in data["exclusions"]:
        _compile(exclusion["pattern"], "exclusion", exclusion["id"], subset)


def check(data, subset_path=None, subset=None):
    """Returns `data` when lookup would load it, else raises Refused with lookup's code.
    `subset` (the declaration as read) wins over `subset_path`."""
    if subset is None:
        subset = load_subset(subset_path or default_subset())
    if not isinstance(data, dict):
        raise _malformed(WRONG_TYPE, "the top level must be an object")
    version = data.get("schema_version")
    if not _whole(version, -(1 << 62), 1 << 62) or isinstance(version, bool):
        raise _malformed(UNSUPPORTED_SCHEMA_VERSION, "schema_version is missing or not a whole number")
    if int(version) != SCHEMA_VERSION:
        raise Refused(UNSUPPORTED_SCHEMA_VERSION, "schema_version %d is not supported (this lookup reads version %d)"
                      % (int(version), SCHEMA_VERSION))
    _check_keys(data)
    _check_numbers(data)
    _decode(data, ("object", TOP), "")
    _check_references(data)
    _check_patterns(data, subset)
    return data


# Site/ of the repository this package lies in (Integrations/python/applinkskb_rules), when it does.
REPOSITORY_SITE = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))), "Site")


def default_subset(rules_path=None):
    """The portable-subset.json beside `rules_path`, else the repository's Site/, else one beside
    this file; the first candidate when none exists (so that the error names it)."""
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = []
    if rules_path:
        candidates.append(os.path.join(os.path.dirname(os.path.abspath(rules_path)), "portable-subset.json"))
    candidates.append(os.path.join(REPOSITORY_SITE, "portable-subset.json"))
    candidates.append(os.path.join(here, "portable-subset.json"))
    for path in candidates:
        if os.path.isfile(path):
            return path
    return candidates[0]


def load(path):
    """Reads and checks a rules.json file; Refused without a code when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise Refused(None, "cannot read the rules file (%s)" % (error.strerror or error)) from error
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_not_json)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise _malformed(NOT_JSON, "the file is not JSON (%s)" % error) from error
    if _depth(data) > MAX_JSON_DEPTH:
        raise _malformed(NOT_JSON, "the file is not JSON (more than %d arrays and objects inside one another)"
                         % MAX_JSON_DEPTH)
    return check(data, default_subset(path))


# As lookup reads JSON: more arrays and objects inside one another are refused, and so are
# NaN and Infinity, which Python's json reads but JSON does not have.
MAX_JSON_DEPTH = 512


def _not_json(name):
    raise ValueError("%s is not a JSON value" % name)


def _depth(value):
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest

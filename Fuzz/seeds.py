"""Writes the seed corpora and the dictionary for the fuzz targets (run by Fuzz/run.sh).

    python3 Fuzz/seeds.py OUT_FOLDER

OUT_FOLDER/FuzzScanner/   the text of every case of Site/rules-tests.json (example lines, real
                          lines, negatives), one per file, plus a few streams made of them with
                          CRLF, NUL bytes, invalid UTF-8 and long lines
OUT_FOLDER/FuzzRules/     Site/rules.json, smaller rule sets cut from it, and broken variants
                          (wrong schema version, unknown and missing fields, huge numbers,
                          duplicated ids, patterns outside the portable subset)
OUT_FOLDER/FuzzScanner.dict, FuzzRules.dict   libFuzzer dictionaries: the rules' literals, and
                          the JSON keys and values of the rule-set format
"""
import copy
import hashlib
import json
import os
import sys

SITE = os.environ.get("SITE", "Site")


def example_lines():
    path = os.path.join(SITE, "rules-tests.json")
    with open(path, encoding="utf-8") as handle:
        lines = [case["text"] for case in json.load(handle)["cases"]]
    if not lines:
        sys.exit(f"no cases found in {path}")
    return lines


def write(folder, data):
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(folder, name), "wb") as handle:
        handle.write(data)


def dictionary(path, words):
    with open(path, "w", encoding="ascii") as handle:
        for word in sorted(set(words)):
            escaped = "".join(
                c if 32 <= ord(c) < 127 and c not in '"\\' else "\\x%02x" % b
                for c in word for b in ([ord(c)] if ord(c) < 128 else list(c.encode())))
            handle.write(f'"{escaped}"\n')


def rule_sets(rules):
    """Smaller valid rule sets and broken ones."""
    out = [rules]
    small = copy.deepcopy(rules)
    keep = {p["id"] for p in rules["problems"][:3]}
    small["problems"] = [p for p in rules["problems"] if p["id"] in keep]
    small["rules"] = [r for r in rules["rules"] if r["problem"] in keep]
    out.append(small)
    for rule in rules["rules"][:40:8]:
        one = copy.deepcopy(rules)
        one["problems"] = [p for p in rules["problems"] if p["id"] == rule["problem"]]
        one["rules"] = [rule]
        one["extractors"] = rules["extractors"][:2]
        out.append(one)
    tiny = copy.deepcopy(small)
    tiny["rules"] = tiny["rules"][:1]
    broken = []
    for change in [
        lambda d: d.update(schema_version=d["schema_version"] + 1),
        lambda d: d.update(surprise=True),
        lambda d: d["rules"][0].pop("pattern"),
        lambda d: d["rules"][0].update(priority=1e300),
        lambda d: d["rules"][0].update(priority=2.5),
        lambda d: d["rules"].append(copy.deepcopy(d["rules"][0])),
        lambda d: d["rules"][0].update(pattern="(?<=x)oauth"),
        lambda d: d["rules"][0].update(pattern="oauth(unclosed"),
        lambda d: d["rules"][0].update(literals=[""]),
        lambda d: d["rules"][0].update(captures=["a", "b", "c", "d"]),
        lambda d: d["extractors"].append(dict(d["extractors"][0], groups=[7])),
        lambda d: d["layouts"].append(dict(d["layouts"][0], product="nowhere")),
    ]:
        variant = copy.deepcopy(tiny)
        change(variant)
        broken.append(variant)
    return out + broken


def main():
    out = sys.argv[1]
    lines = example_lines()
    scanner = os.path.join(out, "FuzzScanner")
    for line in lines:
        write(scanner, line + "\n")
    joined = "\n".join(lines)
    write(scanner, joined)
    write(scanner, joined.replace("\n", "\r\n"))
    write(scanner, "\x00".join(lines).encode() + b"\n\xff\xfe\xc3\x28\n")
    write(scanner, ("x" * 3000 + " ").join(lines[:5]))
    with open(os.path.join(SITE, "rules.json"), encoding="utf-8") as handle:
        rules = json.load(handle)
    literals = [literal for r in rules["rules"] for literal in r["literals"]]
    literals += [e["literal"] for e in rules["extractors"] if e["literal"]]
    dictionary(os.path.join(out, "FuzzScanner.dict"),
               literals + ["\r\n", "\n", "%3D", "%253D", '="', "\"", "'", "&", "<", ">"])
    for variant in rule_sets(rules):
        write(os.path.join(out, "FuzzRules"), json.dumps(variant, indent=1))
    keys = set()

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                keys.add(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(rules)
    words = [f'"{k}":' for k in keys] + ["(?<=", "(?:", "(?!", "[^", "]*", ")+", "{2,7}",
                                         "\\\\", "null", "true", "1e308", "-0", "[]", "{}"]
    dictionary(os.path.join(out, "FuzzRules.dict"), words)
    print(f"seeds: {len(lines)} example lines, {len(rule_sets(rules))} rule sets -> {out}")


if __name__ == "__main__":
    main()

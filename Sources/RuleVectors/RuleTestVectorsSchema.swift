import LogRules

extension RuleTestVectors {
  /// JSON Schema (2020-12) of `rules-tests.json`, published beside it as
  /// `rules-tests.schema.json`.
  public static let jsonSchema = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "rules-tests.schema.json",
      "title": "AppLinksKB rule-set test vectors",
      "description": "What every implementation of rules.json must give. For each case, explain its text as rules.schema.json says (split on line feeds, source '-', so no product comes from a file name; with the case's max_line_bytes instead of the rule set's when it has one) and compare the findings, in order, with every field. Load each refusal's rule_set: a conforming loader refuses it with the refusal's code (docs/refusal-codes.md; reason is what lookup says beside it, and another loader's words may differ). Load each accepted rule_set: a conforming loader accepts it.",
      "type": "object",
      "required": ["schema_version", "catalogue_version", "cases", "refusals", "accepted"],
      "additionalProperties": false,
      "properties": {
        "schema_version": {"const": 1},
        "catalogue_version": {"type": "string"},
        "cases": {"type": "array", "items": {"$ref": "#/$defs/case"}},
        "refusals": {"type": "array", "items": {"$ref": "#/$defs/refusal"}},
        "accepted": {"type": "array", "items": {"$ref": "#/$defs/document"}}
      },
      "$defs": {
        "case": {
          "type": "object",
          "required": ["id", "kind", "source", "text", "findings"],
          "additionalProperties": false,
          "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9_-]+$"},
            "kind": {"enum": ["example", "real", "gap", "negative", "entry", "link", "normalisation", "basis", "edge", "limit"], "description": "example: an example line of the catalogue; real: a failure line from a public report; gap: a failure line from a public report that no rule explains yet (it may give no finding, never another problem's); negative: a real line that looks close but shows no application-link failure (no findings); entry: several lines of log entries written for the vectors (stack traces, wrapped payloads), whose continuation lines carry the fields of their entry's first line; link: lines written for the vectors, one for each shape of URL, host or key the link field is read from; normalisation: lines as people paste them (quoted, bulleted, numbered, in code spans, HTML- or JSON-escaped) and lines that only look so, for every step of rules.json normalisation; basis: lines that rules of several bases match, where the strongest basis wins; edge: lines at the edges of what engines read alike (64-bit integers and years in timestamps, percent-decoding, carriage returns, NUL characters, spaces and marks that regular-expression engines read differently, layouts, priorities and ties, long lines), one each; limit: lines around max_line_bytes, explained with the case's max_line_bytes."},
            "max_line_bytes": {"type": "integer", "minimum": 1, "description": "Explain the text with this max_line_bytes instead of rules.json's (the rest of the rule set unchanged)."},
            "source": {"type": "string", "description": "Where the text comes from."},
            "text": {"type": "string", "description": "One line or several, separated by line feeds."},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}}
          },
          "allOf": [
            {"if": {"properties": {"kind": {"const": "negative"}}}, "then": {"properties": {"findings": {"maxItems": 0}}}},
            {"if": {"properties": {"kind": {"enum": ["example", "real", "entry", "link", "normalisation", "basis"]}}}, "then": {"properties": {"findings": {"minItems": 1}}}}
          ]
        },
        "finding": {
          "type": "object",
          "required": ["line", "problem", "rule", "basis", "fields"],
          "additionalProperties": false,
          "properties": {
            "line": {"type": "integer", "minimum": 1, "description": "Counted from 1 within the text."},
            "problem": {"type": "string"},
            "rule": {"type": "string"},
            "basis": {"enum": ["code", "exception", "status", "wording"]},
            "fields": {"type": "object", "additionalProperties": {"type": "string"}}
          }
        },
        "refusal": {
          "type": "object",
          "required": ["id", "code", "reason", "rule_set"],
          "additionalProperties": false,
          "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9_-]+$"},
            "code": {"type": "string", "pattern": "^E[0-9]{4}$", "description": "The kind of refusal, the same in every conforming loader (docs/refusal-codes.md): \#(RefusalCode.allCases.map { "\($0.rawValue) \($0.title)" }.joined(separator: "; "))."},
            "reason": {"type": "string", "description": "What lookup --rules says beside the code."},
            "rule_set": {"description": "A whole rules.json document, not necessarily a valid one, nor an object."}
          }
        },
        "document": {
          "type": "object",
          "required": ["id", "reason", "rule_set"],
          "additionalProperties": false,
          "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9_-]+$"},
            "reason": {"type": "string"},
            "rule_set": {"description": "A whole rules.json document that a conforming loader accepts."}
          }
        }
      }
    }

    """#
}

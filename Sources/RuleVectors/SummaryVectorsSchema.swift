extension SummaryTestVectors {
  /// JSON Schema (2020-12) of `summary-tests.json`, published beside it as
  /// `summary-tests.schema.json`.
  public static let jsonSchema = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "summary-tests.schema.json",
      "title": "AppLinksKB summary test vectors",
      "description": "What every engine that summarises findings must give. For each case, add its findings to an empty summary in order, counting at most summary_max_links distinct links per problem one by one (the value of rules.json summary_max_links, repeated here), and compare the problems of the summary (summary.schema.json) with the case's problems, in order, with every field.",
      "type": "object",
      "required": ["schema_version", "catalogue_version", "summary_max_links", "cases"],
      "additionalProperties": false,
      "properties": {
        "schema_version": {"const": 1},
        "catalogue_version": {"type": "string"},
        "summary_max_links": {"type": "integer", "minimum": 1, "description": "rules.json summary_max_links, with which the cases were summarised."},
        "cases": {"type": "array", "items": {"$ref": "#/$defs/case"}}
      },
      "$defs": {
        "case": {
          "type": "object",
          "required": ["id", "description", "findings", "problems"],
          "additionalProperties": false,
          "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9_-]+$"},
            "description": {"type": "string", "description": "What the case checks."},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}, "description": "In the order an engine reads them."},
            "problems": {"type": "array", "items": {"type": "object"}, "description": "The problems of the summary document, each as summary.schema.json's $defs/problem: most findings first, ties in order of first appearance."}
          }
        },
        "finding": {
          "type": "object",
          "required": ["source", "line", "problem", "text", "fields"],
          "additionalProperties": false,
          "description": "A finding as lookup --json prints it, less what a summary does not read.",
          "properties": {
            "source": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
            "problem": {"type": "string"},
            "text": {"type": "string"},
            "fields": {"type": "object", "additionalProperties": {"type": "string"}, "description": "A summary reads link and log_time."}
          }
        }
      }
    }

    """#
}

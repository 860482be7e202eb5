import Foundation
import LogRules

/// JSON Schemas (2020-12) of what `lookup --json` and `lookup --summary --json` print,
/// published as `Site/finding.schema.json` and `Site/summary.schema.json`. The fields come
/// from the rule set's declarations.
public enum ReportSchemas {
  /// One line of `lookup --json`.
  public static func finding(fields: [FieldInfo]) -> String {
    findingTemplate.replacingOccurrences(of: "\"FIELD_PROPERTIES\"", with: properties(fields))
  }

  /// The document of `lookup --summary --json`.
  public static let summary = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "summary.schema.json",
      "title": "lookup --summary --json",
      "description": "Counts per problem over everything lookup read, most frequent first (ties in order of first appearance).",
      "type": "object",
      "required": ["problems", "lines", "bytes", "milliseconds"],
      "additionalProperties": false,
      "properties": {
        "problems": {"type": "array", "items": {"$ref": "#/$defs/problem"}},
        "lines": {"type": "integer", "minimum": 0, "description": "Lines read."},
        "bytes": {"type": "integer", "minimum": 0, "description": "Bytes read."},
        "milliseconds": {"type": "integer", "minimum": 0, "description": "Time spent reading and matching."}
      },
      "$defs": {
        "place": {
          "type": "object",
          "required": ["source", "line"],
          "additionalProperties": false,
          "properties": {
            "source": {"type": "string", "description": "The file path, archive!entry for an entry of an archive, or - for standard input and text given as arguments."},
            "line": {"type": "integer", "minimum": 1},
            "log_time": {"type": "string", "description": "The time of the line's entry, as written."}
          }
        },
        "problem": {
          "type": "object",
          "required": ["problem", "title", "category", "count", "first", "last", "example", "links"],
          "additionalProperties": false,
          "properties": {
            "problem": {"type": "string", "description": "The problem id (rules.json problems[].id)."},
            "title": {"type": "string"},
            "category": {"type": "string"},
            "count": {"type": "integer", "minimum": 1},
            "first": {"$ref": "#/$defs/place"},
            "last": {"$ref": "#/$defs/place"},
            "example": {"type": "string", "description": "The text of the first line."},
            "links": {"type": "array", "items": {"$ref": "#/$defs/link"}, "description": "The findings grouped by the link they came from (the link field), most findings first, then the findings whose line told no link. The counts add up to count, less other_links."},
            "other_links": {"type": "integer", "minimum": 1, "description": "Findings whose link came after the first summary_max_links distinct links of this problem (rules.json; 100 in the published rule set); not listed one by one."}
          }
        },
        "link": {
          "type": "object",
          "required": ["count", "first", "last"],
          "additionalProperties": false,
          "properties": {
            "link": {"type": "string", "description": "The remote end of the application link (rules.json fields: link); absent for findings whose line told none."},
            "count": {"type": "integer", "minimum": 1},
            "first": {"$ref": "#/$defs/place"},
            "last": {"$ref": "#/$defs/place"}
          }
        }
      }
    }

    """#

  private static let findingTemplate = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "finding.schema.json",
      "title": "lookup --json finding",
      "description": "One object per explained line, in input order, one per line of output (JSON Lines).",
      "type": "object",
      "required": ["problem", "rule", "basis", "title", "source", "line", "text", "fields", "url"],
      "additionalProperties": false,
      "properties": {
        "problem": {"type": "string", "description": "The problem id (rules.json problems[].id)."},
        "rule": {"type": "string", "description": "The rule that won (rules.json rules[].id)."},
        "basis": {"enum": ["code", "exception", "status", "wording"], "description": "What the winning rule recognised the problem by (rules.json rules[].basis); wording is the weakest."},
        "title": {"type": "string"},
        "source": {"type": "string", "description": "The file path, archive!entry for an entry of an archive (support.zip!application-logs/atlassian-jira.log), or - for standard input and text given as arguments."},
        "line": {"type": "integer", "minimum": 1},
        "text": {"type": "string", "description": "The line as read, invalid UTF-8 replaced, at most 2000 characters."},
        "fields": {
          "type": "object",
          "description": "What the line told, by field name (rules.json fields).",
          "additionalProperties": false,
          "properties": "FIELD_PROPERTIES"
        },
        "url": {"type": "string", "description": "The problem's help page."}
      }
    }

    """#

  private static func properties(_ fields: [FieldInfo]) -> String {
    let object = JSONValue.object(
      Dictionary(
        uniqueKeysWithValues: fields.map {
          (
            $0.name,
            JSONValue.object([
              "type": .string("string"), "title": .string($0.label),
              "description": .string($0.description),
            ])
          )
        }))
    return (try? object.jsonData()).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }
}

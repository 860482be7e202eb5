import KnowledgeBase

extension RuleSet {
  /// JSON Schema (2020-12) of `rules.json`, published beside it as `rules.schema.json`.
  public static let jsonSchema = schemaTemplate.replacingOccurrences(
    of: "\"PATTERN_DESCRIPTION\"", with: JSONText.quoted(patternDescription)
  ).replacingOccurrences(of: "MAX_LINE_BYTES_MIN", with: String(maxLineBytesRange.lowerBound))
    .replacingOccurrences(of: "MAX_LINE_BYTES_MAX", with: String(maxLineBytesRange.upperBound))
    .replacingOccurrences(
      of: "SUMMARY_MAX_LINKS_MIN", with: String(summaryMaxLinksRange.lowerBound)
    ).replacingOccurrences(
      of: "SUMMARY_MAX_LINKS_MAX", with: String(summaryMaxLinksRange.upperBound)
    ).replacingOccurrences(
      of: "CATEGORY_IDS",
      with: "[" + Category.allCases.map { JSONText.quoted($0.rawValue) }.joined(separator: ", ")
        + "]"
    )

  /// The portable subset in words, from its declaration.
  static let patternDescription =
    "A regular expression in the portable subset (Site/portable-subset.json): "
    + PortableSubset.standard.summary + ". Site/portable-subset.json says how to check one."

  private static let schemaTemplate = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "rules.schema.json",
      "title": "AppLinksKB rule set",
      "description": "Rules that explain Atlassian application-link authentication failures in log lines. Apply them as follows: take each line without its line feed and apply the steps of 'normalisation' in order (the finding's text stays the line as given); then find the rules all of whose literals occur in the normalised line; among those whose pattern matches, the strongest basis wins (code, then exception, then status, then wording), then the highest priority, ties going to the rule listed first. Extractors and layouts read the normalised line too. A line that an exclusion's pattern matches gives no finding. Capture group N of the winning rule gives field captures[N-1]. Then run the extractors in order for fields not yet set (the first that matches and yields a non-empty value wins), then the derived fields, then the first layout whose pattern matches gives line fields (those still unset) and perhaps the product. A line that no layout matches continues the entry of the nearest earlier line of the same text that a layout matches (a stack frame, a 'Caused by:' line, a wrapped payload): that line's first matching layout gives the fields and perhaps the product instead. When no layout gives the product, it comes from the logger's prefix, then from the file name's prefix. Every field value is a string.",
      "type": "object",
      "required": ["schema_version", "catalogue_version", "problems", "products", "rules", "extractors", "derived", "layouts", "fields", "link_status", "normalisation", "exclusions", "max_line_bytes", "summary_max_links"],
      "additionalProperties": false,
      "properties": {
        "$schema": {"type": "string"},
        "schema_version": {"const": 4, "description": "Version of this format."},
        "max_line_bytes": {"type": "integer", "minimum": MAX_LINE_BYTES_MIN, "maximum": MAX_LINE_BYTES_MAX, "description": "The longest line an engine reads, in bytes of UTF-8. Lines are the bytes between line feeds; a line longer than this is explained from its first max_line_bytes bytes alone (cut first, then a final carriage return dropped, then decoded with invalid or cut UTF-8 replaced by U+FFFD), and the rest of it is read past: a literal or a match that lies beyond the cut gives nothing, and the lines after it keep their numbers."},
        "summary_max_links": {"type": "integer", "minimum": SUMMARY_MAX_LINKS_MIN, "maximum": SUMMARY_MAX_LINKS_MAX, "description": "How many distinct links (the link field) of one problem a summary (summary.schema.json) lists one by one, in order of first appearance; the findings of a link that comes after these are counted in other_links. Findings whose line told no link are always listed, in one entry of their own."},
        "normalisation": {
          "type": "array",
          "items": {"enum": ["trailing_carriage_return", "quote_markers", "line_gutter", "bullets", "code_spans", "html_entities", "json_escapes"]},
          "description": "Steps applied to every line before matching, in this order. trailing_carriage_return: a final CR is dropped. quote_markers: ^(?:[ \\t]*>)+[ \\t]? is removed. line_gutter: ^[ \\t]*[0-9]{1,6}[ \\t]*[|\u2502][ \\t]? is removed. bullets: ^[ \\t]*(?:[-*+\u2022]|[0-9]{1,3}[.)])[ \\t]+ is removed. code_spans: every backtick is removed. html_entities: &quot; &amp; &lt; &gt; &apos; &nbsp; (a space) and &#N; or &#xH; (1 to 7 decimal or 1 to 6 hex digits) whose value is U+0020 to U+007E are decoded, in one pass from the left; others stay. json_escapes: \\\" \\/ \\\\ give the character after the backslash, \\n and \\r a space, \\t a tab, \\uXXXX whose value is U+0020 to U+007E that character, in one pass from the left; others stay."
        },
        "catalogue_version": {"type": "string"},
        "problems": {"type": "array", "items": {"$ref": "#/$defs/problem"}},
        "products": {"type": "array", "items": {"$ref": "#/$defs/product"}},
        "rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}},
        "extractors": {"type": "array", "items": {"$ref": "#/$defs/extractor"}},
        "derived": {"type": "array", "items": {"$ref": "#/$defs/derived"}},
        "layouts": {"type": "array", "items": {"$ref": "#/$defs/layout"}},
        "link_status": {"$ref": "#/$defs/linkStatus"},
        "exclusions": {
          "type": "array",
          "description": "Failures of other systems than the link (the product's database, mail server, user directory, cluster, search index, Marketplace): when a rule has won a line, the line gives no finding if any of these patterns matches the normalised line.",
          "items": {
            "type": "object",
            "required": ["id", "system", "pattern"],
            "additionalProperties": false,
            "properties": {
              "id": {"type": "string"},
              "system": {"type": "string", "description": "What fails instead of the link."},
              "pattern": {"$ref": "#/$defs/pattern"}
            }
          }
        },
        "fields": {"type": "array", "items": {"$ref": "#/$defs/field"}, "description": "Every field a rule, extractor, derived field or layout sets, declared once; naming an undeclared one makes the rule set invalid. `product` is always declared."}
      },
      "$defs": {
        "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$"},
        "pattern": {
          "type": "string",
          "minLength": 1,
          "description": "PATTERN_DESCRIPTION"
        },
        "fieldNames": {"type": "array", "items": {"type": "string"}},
        "cause": {
          "type": "object",
          "required": ["description", "actions"],
          "additionalProperties": false,
          "properties": {
            "description": {"type": "string", "description": "Markdown."},
            "actions": {"type": "array", "minItems": 1, "items": {"type": "string", "description": "Markdown."}}
          }
        },
        "problem": {
          "type": "object",
          "required": ["id", "title", "summary", "meaning", "category", "category_title", "link_status_types", "log_message", "causes", "products", "url"],
          "additionalProperties": false,
          "properties": {
            "id": {"$ref": "#/$defs/id"},
            "title": {"type": "string"},
            "summary": {"type": "string"},
            "meaning": {"type": "string", "description": "Markdown."},
            "category": {"enum": CATEGORY_IDS},
            "category_title": {"type": "string"},
            "oauth_problem": {"type": "string", "pattern": "^[a-z_]+$"},
            "link_status_types": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z_]+$"}},
            "log_message": {"type": "string"},
            "causes": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/cause"}},
            "products": {"type": "array", "items": {"$ref": "#/$defs/id"}, "description": "Empty: every product."},
            "url": {"type": "string", "description": "The problem's help page, relative to the site root."}
          }
        },
        "product": {
          "type": "object",
          "required": ["id", "name", "application_logs", "web_server_logs", "log_files", "logger_prefixes", "log_file_prefixes"],
          "additionalProperties": false,
          "properties": {
            "id": {"$ref": "#/$defs/id"},
            "name": {"type": "string"},
            "application_logs": {"type": "array", "items": {"type": "string"}},
            "web_server_logs": {"type": "array", "items": {"type": "string"}},
            "log_files": {"type": "array", "items": {"type": "string"}},
            "logger_prefixes": {"type": "array", "items": {"type": "string"}},
            "log_file_prefixes": {"type": "array", "items": {"type": "string"}, "description": "A file whose name starts with one of these comes from this product."}
          }
        },
        "rule": {
          "type": "object",
          "required": ["id", "problem", "shape", "basis", "literals", "pattern", "captures", "priority"],
          "additionalProperties": false,
          "properties": {
            "id": {"type": "string"},
            "problem": {"$ref": "#/$defs/id"},
            "shape": {"enum": ["form", "encoded", "header", "json", "error-was", "exception", "ruby", "ruby-message", "ruby-dash", "bare", "bracketed", "status-json", "status-type", "message"]},
            "basis": {"enum": ["code", "exception", "status", "wording"], "description": "What the rule recognises its problem by: an exact code (oauth_problem, OAuth 2.0 error, link-status type, Seraph, XSRF or Trusted Applications reason); an exception class or client error code; an HTTP status with what the answer says; or the problem's own words. The strongest basis among the matching rules wins."},
            "literals": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}, "description": "Case-sensitive texts every match contains."},
            "pattern": {"$ref": "#/$defs/pattern"},
            "captures": {"$ref": "#/$defs/fieldNames"},
            "priority": {"type": "integer", "minimum": -1000000, "maximum": 1000000}
          }
        },
        "extractor": {
          "type": "object",
          "required": ["field", "literal", "pattern", "groups", "transform"],
          "additionalProperties": false,
          "properties": {
            "field": {"type": "string"},
            "literal": {"type": "string"},
            "pattern": {"$ref": "#/$defs/pattern"},
            "groups": {"type": "array", "minItems": 1, "items": {"type": "integer", "minimum": 0, "maximum": 99}},
            "transform": {
              "enum": ["none", "percent", "form", "base_string_method", "base_string_url", "parameter_list", "range"],
              "description": "none: as captured. percent: percent-decoded once (invalid UTF-8 replaced by U+FFFD, stray % kept). form: '+' as space, then percent. base_string_method: percent once, the part before the first '&'. base_string_url: percent once, the second '&'-separated part, percent again. parameter_list: percent once, split on '&', each part percent-decoded, joined with ', '. range: the two groups joined with '-'."
            }
          }
        },
        "derived": {
          "type": "object",
          "required": ["field", "function", "inputs"],
          "additionalProperties": false,
          "properties": {
            "field": {"type": "string"},
            "function": {
              "enum": ["window_middle_iso8601", "seconds_from_window_middle", "link_origin"],
              "description": "window_middle_iso8601: the middle of a 'start-end' window of Unix seconds, rounded down, as YYYY-MM-DDTHH:MM:SSZ. seconds_from_window_middle: the first input (Unix seconds) minus that middle, as a decimal integer. Numbers beyond 64-bit signed integers give no value. link_origin: six inputs by position (a missing or empty one tells nothing): inputs 1 to 3 are URLs, tried in order; the first that is a URL gives its origin. A URL here is text that starts with a scheme, '://' and an authority (up to the first '/', '?' or '#'); the scheme, ASCII letters lower-cased, is http or https; user information up to the last '@' of the authority is dropped; the host is what comes before the first ':' (or, starting with '[', up to and including the first ']', followed by nothing or by ':'), and must not be empty; the port, after that ':', must be ASCII digits only. The origin is scheme + '://' + the host with ASCII letters lower-cased, + ':' + the port unless the port is empty or the scheme's default (exactly '80' for http, '443' for https). Otherwise input 4, a host (ASCII letters lower-cased), gives 'host:port' with input 5 as the port, or 'host' without it; otherwise input 6, a consumer key, as it is; otherwise no value."
            },
            "inputs": {"$ref": "#/$defs/fieldNames"}
          }
        },
        "linkStatus": {
          "type": "object",
          "description": "What the application links screen shows: its lozenges, and the categories of the error types of its status resource (GET /rest/applinks/3.0/status/{id}). Each type is the link_status_types entry of one problem.",
          "required": ["lozenges", "categories"],
          "additionalProperties": false,
          "properties": {
            "lozenges": {"type": "array", "items": {"type": "object", "required": ["text", "meaning"], "additionalProperties": false, "properties": {"text": {"type": "string"}, "meaning": {"type": "string", "description": "Markdown."}}}},
            "categories": {"type": "array", "items": {"type": "object", "required": ["name", "meaning", "types"], "additionalProperties": false, "properties": {"name": {"type": "string", "pattern": "^[A-Z_]+$"}, "meaning": {"type": "string", "description": "Markdown."}, "types": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z_]+$"}}}}}
          }
        },
        "field": {
          "type": "object",
          "required": ["name", "label", "description", "sentence", "group", "format"],
          "additionalProperties": false,
          "properties": {
            "name": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
            "label": {"type": "string", "description": "A short label, as a table heading."},
            "description": {"type": "string"},
            "sentence": {"type": "string", "description": "How lookup puts the value into words: {value} is the value, {other} another field's; a part in [...] is left out when a field it names has no value."},
            "group": {"enum": ["evidence", "origin"], "description": "origin fields are joined into one sentence: where and when the line was logged."},
            "format": {"enum": ["text", "utc_time", "seconds_offset"]}
          }
        },
        "layout": {
          "type": "object",
          "required": ["id", "pattern", "captures"],
          "additionalProperties": false,
          "properties": {
            "id": {"type": "string"},
            "product": {"$ref": "#/$defs/id"},
            "pattern": {"$ref": "#/$defs/pattern"},
            "captures": {"$ref": "#/$defs/fieldNames"}
          }
        }
      }
    }

    """#
}

extension ReportSchemas {
  /// The document of `lookup probe --json`, published as `Site/probe.schema.json`. The
  /// LinkProbe module's `ProbeReport` encodes to it; the probe tests validate real output.
  public static let probe = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "probe.schema.json",
      "title": "lookup probe --json",
      "description": "What lookup probe found at one end of an application link, or at both ends and between them: each check with its evidence, and each problem named, explained by the catalogue.",
      "type": "object",
      "required": ["probe_version", "ran_from", "started", "milliseconds", "ends", "problems", "exit_status"],
      "additionalProperties": false,
      "properties": {
        "probe_version": {"const": 1, "description": "The format of this document."},
        "ran_from": {"type": "string", "description": "The host name of the machine the probe ran on: a server may reach its remote differently."},
        "started": {"type": "string", "format": "date-time"},
        "milliseconds": {"type": "integer", "minimum": 0},
        "ends": {"type": "array", "minItems": 1, "maxItems": 2, "items": {"$ref": "#/$defs/end"}, "description": "One entry per URL given, in order."},
        "link": {"type": "array", "items": {"$ref": "#/$defs/check"}, "description": "Checks between the two ends (link-back A → B, oauth-levels, clock-difference) and, with credentials, one server-view check per end."},
        "server_views": {"type": "array", "items": {"$ref": "#/$defs/server_view"}, "description": "With credentials: each link an end holds, and that end's own status verdict on it."},
        "problems": {"type": "array", "items": {"$ref": "#/$defs/problem"}, "description": "Every problem a failed check named, in order of first appearance."},
        "exit_status": {"enum": [0, 1], "description": "0 when nothing is wrong, 1 when a problem was found (the command's exit status)."}
      },
      "$defs": {
        "check": {
          "type": "object",
          "required": ["check", "status", "summary", "evidence", "problems"],
          "additionalProperties": false,
          "properties": {
            "check": {"type": "string", "description": "url, dns, tcp, tls, manifest, base-url, version, capabilities, clock, consumer; between ends: link-back A → B, oauth-levels, clock-difference, server-view HOST."},
            "status": {"enum": ["passed", "failed", "skipped", "info"]},
            "summary": {"type": "string", "description": "One sentence; for a skipped check, why it did not run."},
            "evidence": {"type": "array", "items": {"type": "string"}, "description": "What was seen: addresses, certificates, requests and statuses, headers, body excerpts."},
            "problems": {"type": "array", "items": {"type": "string"}, "description": "Catalogue problem ids (rules.json problems[].id); empty unless status is failed."}
          }
        },
        "end": {
          "type": "object",
          "required": ["url", "checks"],
          "additionalProperties": false,
          "properties": {
            "url": {"type": "string", "description": "The URL as given."},
            "checks": {"type": "array", "items": {"$ref": "#/$defs/check"}},
            "manifest": {"$ref": "#/$defs/manifest"},
            "clock_offset_seconds": {"type": "number", "description": "The remote clock minus this machine's, from the Date header, corrected by half the round trip."}
          }
        },
        "manifest": {
          "type": "object",
          "additionalProperties": false,
          "description": "The manifest (/rest/applinks/1.0/manifest) as read.",
          "properties": {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "typeId": {"type": "string"},
            "version": {"type": "string"},
            "buildNumber": {"type": "string"},
            "applinksVersion": {"type": "string"},
            "inboundAuthenticationTypes": {"type": "array", "items": {"type": "string"}},
            "outboundAuthenticationTypes": {"type": "array", "items": {"type": "string"}},
            "url": {"type": "string", "description": "The base URL the application believes it has."},
            "iconUrl": {"type": "string"}
          }
        },
        "server_view": {
          "type": "object",
          "required": ["end", "link_id"],
          "additionalProperties": false,
          "properties": {
            "end": {"type": "string", "description": "The end that was asked."},
            "link_id": {"type": "string"},
            "name": {"type": "string"},
            "display_url": {"type": "string"},
            "working": {"type": "boolean"},
            "error_category": {"type": "string"},
            "error_type": {"type": "string", "description": "The ApplinkErrorType the server reported."},
            "problem": {"type": "string", "description": "The catalogue problem for error_type."},
            "probe_saw": {"type": "array", "items": {"type": "string"}, "description": "The problems the probe named for the same remote."},
            "note": {"type": "string", "description": "Set when the server's view and the probe's differ, or the status could not be read."}
          }
        },
        "problem": {
          "type": "object",
          "required": ["problem", "title", "summary", "category", "causes", "url", "checks"],
          "additionalProperties": false,
          "properties": {
            "problem": {"type": "string", "description": "The problem id (rules.json problems[].id)."},
            "title": {"type": "string"},
            "summary": {"type": "string"},
            "category": {"type": "string"},
            "causes": {
              "type": "array",
              "items": {
                "type": "object",
                "required": ["description", "actions"],
                "additionalProperties": false,
                "properties": {
                  "description": {"type": "string"},
                  "actions": {"type": "array", "items": {"type": "string"}}
                }
              }
            },
            "url": {"type": "string", "description": "The problem's help page."},
            "checks": {"type": "array", "items": {"type": "string"}, "description": "The checks that named it."}
          }
        }
      }
    }

    """#
}

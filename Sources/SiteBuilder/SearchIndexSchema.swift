extension SearchIndex {
  /// JSON Schema (2020-12) of `search-index.json`, published as `search-index.schema.json`.
  public static let jsonSchema = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "search-index.schema.json",
      "title": "AppLinksKB search index",
      "description": "One document per page and per section of the help site. search-index.js assigns the same object to window.APPLINKS_SEARCH_INDEX.",
      "type": "object",
      "required": ["format_version", "categories", "documents"],
      "additionalProperties": false,
      "properties": {
        "format_version": {"const": 1},
        "categories": {
          "type": "object",
          "description": "Problem category id to its title.",
          "additionalProperties": {"type": "string"}
        },
        "documents": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["id", "url", "title", "kind", "page", "codes", "products", "text"],
            "additionalProperties": false,
            "properties": {
              "id": {"type": "string", "pattern": "^(page|problem|cause|product|flavour|article):[a-z0-9/_-]+$", "description": "Stable: kind and id."},
              "url": {"type": "string", "description": "Relative to the site root, with the section's anchor."},
              "title": {"type": "string"},
              "kind": {"enum": ["page", "problem", "cause", "product", "flavour", "article"]},
              "page": {"type": "string", "description": "Title of the page the section is on."},
              "codes": {"type": "array", "items": {"type": "string"}, "description": "Problem ids, oauth_problem values and link-status types."},
              "products": {"type": "array", "items": {"type": "string"}},
              "category": {"type": "string"},
              "text": {"type": "string", "description": "Plain text of the section."}
            }
          }
        }
      }
    }

    """#
}

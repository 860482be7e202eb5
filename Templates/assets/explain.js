// The paste box: applies rules.js (the same rule set as rules.json and `lookup`) to pasted log
// lines, entirely in the browser. The steps follow rules.schema.json's description.
(function () {
  "use strict";

  // The engine, self-contained: the page runs it, and a worker made from its source runs the
  // very same code on files. The steps follow rules.schema.json's description.
  function AppLinksEngine() {
    // Percent-decoding as lookup does it: bytes, invalid UTF-8 replaced, stray '%' kept.
    function percentDecode(text) {
      if (text.indexOf("%") < 0) return text;
      var bytes = [];
      var encoder = new TextEncoder();
      for (var i = 0; i < text.length; ) {
        var c = text.charCodeAt(i);
        if (c === 37 && i + 2 < text.length && /^[0-9A-Fa-f]{2}$/.test(text.substr(i + 1, 2))) {
          bytes.push(parseInt(text.substr(i + 1, 2), 16));
          i += 3;
        } else {
          var cp = text.codePointAt(i);
          var ch = String.fromCodePoint(cp);
          encoder.encode(ch).forEach(function (b) { bytes.push(b); });
          i += ch.length;
        }
      }
      return new TextDecoder("utf-8").decode(new Uint8Array(bytes));
    }

    var transforms = {
      none: function (g) { return g[0]; },
      percent: function (g) { return percentDecode(g[0]); },
      form: function (g) { return percentDecode(g[0].replace(/\+/g, " ")); },
      base_string_method: function (g) { return percentDecode(g[0]).split("&")[0]; },
      base_string_url: function (g) {
        var parts = percentDecode(g[0]).split("&");
        return parts.length > 1 ? percentDecode(parts[1]) : null;
      },
      parameter_list: function (g) {
        return percentDecode(g[0]).split("&").filter(function (p) { return p.length > 0; })
          .map(percentDecode).join(", ");
      },
      range: function (g) { return g.length === 2 ? g[0] + "-" + g[1] : null; }
    };

    var INT64_MAX = BigInt("9223372036854775807");
    var INT64_MIN = -INT64_MAX - BigInt(1);
    function int64(text) {
      if (text == null || !/^-?[0-9]+$/.test(text)) return null;
      var v = BigInt(text);
      return v > INT64_MAX || v < INT64_MIN ? null : v;
    }
    function windowMiddle(text) {
      if (text == null) return null;
      var dash = text.indexOf("-");
      if (dash < 0) return null;
      var start = int64(text.slice(0, dash)), end = int64(text.slice(dash + 1));
      if (start == null || end == null) return null;
      var sum = start + end;
      var two = BigInt(2);
      return sum >= BigInt(0) ? sum / two : (sum - BigInt(1)) / two;
    }
    // Only A-Z change, as in lookup: toLowerCase() would change other letters too.
    function asciiLower(text) { return text.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); }); }
    // scheme://host[:port] of an http or https URL with a host (rules.schema.json, link_origin).
    function origin(text) {
      var separator = text.indexOf("://");
      if (separator < 0) return null;
      var scheme = asciiLower(text.slice(0, separator));
      if (scheme !== "http" && scheme !== "https") return null;
      var authority = text.slice(separator + 3);
      var end = authority.search(/[/?#]/);
      if (end >= 0) authority = authority.slice(0, end);
      var at = authority.lastIndexOf("@");
      if (at >= 0) authority = authority.slice(at + 1);
      var host, port = "";
      if (authority.charAt(0) === "[") {
        var close = authority.indexOf("]");
        if (close < 0) return null;
        host = authority.slice(0, close + 1);
        var after = authority.slice(close + 1);
        if (after) {
          if (after.charAt(0) !== ":") return null;
          port = after.slice(1);
        }
      } else if (authority.indexOf(":") >= 0) {
        host = authority.slice(0, authority.indexOf(":"));
        port = authority.slice(authority.indexOf(":") + 1);
      } else {
        host = authority;
      }
      if (!host || !/^[0-9]*$/.test(port)) return null;
      var defaultPort = scheme === "http" ? "80" : "443";
      return scheme + "://" + asciiLower(host) + (port === "" || port === defaultPort ? "" : ":" + port);
    }
    var derivedFunctions = {
      window_middle_iso8601: function (inputs) {
        var middle = windowMiddle(inputs[0]);
        if (middle == null || middle <= BigInt(-62135596800) || middle >= BigInt(253402300800)) return null;
        return new Date(Number(middle) * 1000).toISOString().replace(/\.000Z$/, "Z");
      },
      seconds_from_window_middle: function (inputs) {
        var request = int64(inputs[0]), middle = windowMiddle(inputs[1]);
        if (request == null || middle == null) return null;
        var skew = request - middle;
        return skew > INT64_MAX || skew < INT64_MIN ? null : skew.toString();
      },
      // Three URLs in order, then host and port, then the consumer key.
      link_origin: function (inputs) {
        function value(i) { return inputs[i] ? inputs[i] : null; }
        for (var i = 0; i < 3; i++) {
          var found = value(i) == null ? null : origin(value(i));
          if (found != null) return found;
        }
        if (value(3) != null) return asciiLower(value(3)) + (value(4) != null ? ":" + value(4) : "");
        return value(5);
      }
    };

    // ---- Loading: refuses what lookup refuses (Site/rules-tests.json lists every refusal). ----

    var SCHEMA_VERSION = 4;
    // The ranges lookup accepts for the limits of a rule set; the values come from the rule set.
    var LIMITS = { max_line_bytes: [1, 64 * 1024 * 1024], summary_max_links: [1, 1000000] };
    var MAX_LITERAL_BYTES = 1024, MAX_TOTAL_LITERAL_BYTES = 65536;
    var KEYS = {
      "": ["schema_version", "catalogue_version", "problems", "products", "rules", "extractors", "derived", "layouts", "fields", "link_status", "normalisation", "exclusions", "$schema", "max_line_bytes", "summary_max_links"],
      problems: ["id", "title", "summary", "meaning", "category", "category_title", "oauth_problem", "link_status_types", "log_message", "causes", "products", "url"],
      products: ["id", "name", "application_logs", "web_server_logs", "log_files", "logger_prefixes", "log_file_prefixes"],
      rules: ["id", "problem", "shape", "basis", "literals", "pattern", "captures", "priority"],
      extractors: ["field", "literal", "pattern", "groups", "transform"],
      derived: ["field", "function", "inputs"],
      exclusions: ["id", "system", "pattern"],
      layouts: ["id", "product", "pattern", "captures"],
      fields: ["name", "label", "description", "sentence", "group", "format"]
    };
    var OPTIONAL = { oauth_problem: true, product: true };
    // The JSON type of each key: s string, S array of strings, L array, n number.
    var TYPES = {
      problems: { id: "s", title: "s", summary: "s", meaning: "s", category: "s", category_title: "s", oauth_problem: "s", link_status_types: "S", log_message: "s", causes: "L", products: "S", url: "s" },
      products: { id: "s", name: "s", application_logs: "S", web_server_logs: "S", log_files: "S", logger_prefixes: "S", log_file_prefixes: "S" },
      rules: { id: "s", problem: "s", shape: "s", basis: "s", literals: "S", pattern: "s", captures: "S", priority: "n" },
      extractors: { field: "s", literal: "s", pattern: "s", groups: "L", transform: "s" },
      derived: { field: "s", function: "s", inputs: "S" },
      exclusions: { id: "s", system: "s", pattern: "s" },
      layouts: { id: "s", product: "s", pattern: "s", captures: "S" },
      fields: { name: "s", label: "s", description: "s", sentence: "s", group: "s", format: "s" }
    };
    var TYPE_WORDS = { s: "a string", S: "an array of strings", L: "an array", n: "a number" };
    var GROUPS = { evidence: true, origin: true }, FORMATS = { text: true, utc_time: true, seconds_offset: true };
    // Stronger bases first: among the rules that match a line, the strongest basis wins.
    var BASES = ["code", "exception", "status", "wording"];

    // ---- Normalisation: rules.json `normalisation`, applied before anything matches a line. ----
    var ENTITY_NAMES = { quot: "\"", amp: "&", lt: "<", gt: ">", apos: "'", nbsp: " " };
    function printable(value) { return value >= 0x20 && value <= 0x7e ? String.fromCharCode(value) : null; }
    var NORMALISATION_STEPS = {
      trailing_carriage_return: function (s) { return s.charAt(s.length - 1) === "\r" ? s.slice(0, -1) : s; },
      quote_markers: function (s) { return s.replace(/^(?:[ \t]*>)+[ \t]?/, ""); },
      line_gutter: function (s) { return s.replace(/^[ \t]*[0-9]{1,6}[ \t]*[|\u2502][ \t]?/, ""); },
      bullets: function (s) { return s.replace(/^[ \t]*(?:[-*+\u2022]|[0-9]{1,3}[.)])[ \t]+/, ""); },
      code_spans: function (s) { return s.indexOf("`") < 0 ? s : s.split("`").join(""); },
      html_entities: function (s) {
        return s.indexOf("&") < 0 ? s : s.replace(/&(?:(quot|amp|lt|gt|apos|nbsp)|#([0-9]{1,7})|#[xX]([0-9A-Fa-f]{1,6}));/g, function (m, name, dec, hex) {
          if (name) return ENTITY_NAMES[name];
          var value = printable(dec ? parseInt(dec, 10) : parseInt(hex, 16));
          return value == null ? m : value;
        });
      },
      json_escapes: function (s) {
        return s.indexOf("\\") < 0 ? s : s.replace(/\\(?:(["/\\])|([nr])|(t)|u([0-9A-Fa-f]{4}))/g, function (m, same, space, tab, hex) {
          if (same) return same;
          if (space) return " ";
          if (tab) return "\t";
          var value = printable(parseInt(hex, 16));
          return value == null ? m : value;
        });
      }
    };
    function normalise(compiled, line) {
      for (var i = 0; i < compiled.normalisation.length; i++) line = NORMALISATION_STEPS[compiled.normalisation[i]](line);
      return line;
    }

    // The refusal codes (docs/refusal-codes.md): every engine refuses a rule set with the same
    // code, whatever its words.
    var REFUSAL = {
      notJSON: "E0001", unsupportedSchemaVersion: "E0002", wrongType: "E0003", missingField: "E0004",
      unknownField: "E0005", unknownValue: "E0006", numberOutOfRange: "E0007", duplicateID: "E0008",
      unknownReference: "E0009", undeclaredField: "E0010", noUsableLiteral: "E0011", literalTooLarge: "E0012",
      literalLineFeed: "E0013", nonPortablePattern: "E0014", patternDoesNotCompile: "E0015",
      groupNotInPattern: "E0016", extractorGroups: "E0017"
    };
    function RuleSetError(code, message) { this.name = "RuleSetError"; this.code = code; this.message = message; }
    RuleSetError.prototype = Object.create(Error.prototype);
    function fail(code, message) { throw new RuleSetError(code, message); }
    function kindOf(v) {
      if (v === null) return "null";
      if (Array.isArray(v)) return "an array";
      if (typeof v === "boolean") return "a boolean";
      return typeof v === "object" ? "an object" : "a " + typeof v;
    }
    // `holder[key]` at `path` must be there (or be optional and absent or null) and `ok`.
    function need(holder, key, path, where, expected, ok, optional) {
      var v = holder[key];
      if (v === undefined || (optional && v === null)) {
        if (optional) return;
        fail(REFUSAL.missingField, "missing field '" + key + "'" + (where ? " in " + where : ""));
      }
      if (!ok(v)) fail(REFUSAL.wrongType, path + ": expected " + expected + ", found " + kindOf(v));
    }
    function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
    function whole(v, low, high) { return typeof v === "number" && Math.floor(v) === v && v >= low && v <= high; }
    function utf8Length(text) { return new TextEncoder().encode(text).length; }
    function typeOk(kind, v) {
      if (kind === "s") return typeof v === "string";
      if (kind === "S") return Array.isArray(v) && v.every(function (x) { return typeof x === "string"; });
      if (kind === "L") return Array.isArray(v);
      return typeof v === "number";
    }

    // The first construct of the portable subset (Site/portable-subset.json) in `pattern`, read
    // as its description says: escapes, sequences in the plain text, bare dots, class members.
    function nonPortableConstruct(pattern, subset) {
      var plain = "", escapes = [];
      for (var i = 0; i < pattern.length;) {
        var cp = pattern.codePointAt(i);
        if (cp === 92) { escapes.push(i); plain += "\u0001"; i += 1; if (i < pattern.length) i += pattern.codePointAt(i) > 0xffff ? 2 : 1; }
        else { var ch = String.fromCodePoint(cp); plain += ch; i += ch.length; }
      }
      for (var k = 0; k < subset.forbidden.length; k++) {
        var c = subset.forbidden[k];
        if (c.kind === "escape" && escapes.some(function (at) { return pattern.startsWith(c.construct, at); })) return c.reason;
        if (c.kind === "sequence" && plain.indexOf(c.construct) >= 0) return c.reason;
        if (c.kind === "bare_dot" && firstScalar(pattern, function (at, inClass) { return !inClass && pattern.charAt(at) === "."; })) return c.reason;
        if (c.kind === "class_operator" && firstScalar(pattern, function (at, inClass) { return inClass && pattern.startsWith(c.construct, at); })) return c.reason;
      }
      return null;
    }
    // Whether `visit(index, inClass)` says true at an unescaped character of `pattern` other
    // than a class's brackets; a `]` right after `[` or `[^` is a member of the class.
    function firstScalar(pattern, visit) {
      var inClass = false;
      for (var i = 0; i < pattern.length; i++) {
        var c = pattern.charAt(i);
        if (c === "\\") { i++; continue; }
        if (inClass && c === "]") inClass = false;
        else if (!inClass && c === "[") {
          inClass = true;
          if (pattern.charAt(i + 1) === "^") i++;
          if (pattern.charAt(i + 1) === "]") { i++; if (visit(i, true)) return true; }
        } else if (visit(i, inClass)) return true;
      }
      return false;
    }
    function regex(pattern, kind, id, subset) {
      if (typeof pattern !== "string" || !pattern) fail(REFUSAL.patternDoesNotCompile, kind + " " + id + ": the pattern must be a non-empty string");
      var reason = nonPortableConstruct(pattern, subset);
      if (reason) fail(REFUSAL.nonPortablePattern, kind + " " + id + ": " + reason);
      try { return new RegExp(pattern); } catch (e) { fail(REFUSAL.patternDoesNotCompile, kind + " " + id + ": does not compile as a regular expression"); }
    }
    function groupCount(re) { return new RegExp("|" + re.source).exec("").length - 1; }

    // The links screen's lozenges and status categories: read by people only, but checked.
    var STATUS_SHAPES = { lozenges: { text: "s", meaning: "s" }, categories: { name: "s", meaning: "s", types: "S" } };
    function checkLinkStatus(ruleSet) {
      need(ruleSet, "link_status", "link_status", "", "an object", isObject);
      var status = ruleSet.link_status;
      Object.keys(status).forEach(function (key) { if (!STATUS_SHAPES[key]) fail(REFUSAL.unknownField, "unknown field '" + key + "' in link_status"); });
      Object.keys(STATUS_SHAPES).forEach(function (section) {
        var shape = STATUS_SHAPES[section];
        need(status, section, "link_status." + section, "link_status", "an array", Array.isArray);
        status[section].forEach(function (entry, index) {
          var where = "link_status." + section + "[" + index + "]";
          if (!isObject(entry)) fail(REFUSAL.wrongType, where + ": expected an object, found " + kindOf(entry));
          Object.keys(entry).forEach(function (key) { if (!shape[key]) fail(REFUSAL.unknownField, "unknown field '" + key + "' in " + where); });
          Object.keys(shape).forEach(function (key) { need(entry, key, where + "." + key, where, TYPE_WORDS[shape[key]], function (v) { return typeOk(shape[key], v); }); });
        });
      });
    }

    // Checks `ruleSet` as lookup does and compiles it; throws RuleSetError naming what is wrong.
    function load(ruleSet, subset) {
      if (!isObject(ruleSet)) fail(REFUSAL.wrongType, "the top level must be an object");
      if (!whole(ruleSet.schema_version, -Math.pow(2, 62), Math.pow(2, 62))) fail(REFUSAL.unsupportedSchemaVersion, "schema_version is missing or not a whole number");
      if (ruleSet.schema_version !== SCHEMA_VERSION) fail(REFUSAL.unsupportedSchemaVersion, "schema_version " + ruleSet.schema_version + " is not supported");
      Object.keys(ruleSet).forEach(function (key) { if (KEYS[""].indexOf(key) < 0) fail(REFUSAL.unknownField, "unknown field '" + key + "' at the top level"); });
      Object.keys(LIMITS).forEach(function (key) {
        var range = LIMITS[key];
        if (ruleSet[key] === undefined) fail(REFUSAL.missingField, "missing field '" + key + "'");
        if (!whole(ruleSet[key], range[0], range[1])) fail(REFUSAL.numberOutOfRange, key + " must be a whole number from " + range[0] + " to " + range[1]);
      });
      need(ruleSet, "catalogue_version", "catalogue_version", "", "a string", function (v) { return typeof v === "string"; });
      Object.keys(TYPES).forEach(function (section) {
        need(ruleSet, section, section, "", "an array", Array.isArray);
        ruleSet[section].forEach(function (entry, index) {
          var where = section + "[" + index + "]";
          if (!isObject(entry)) fail(REFUSAL.wrongType, where + ": expected an object, found " + kindOf(entry));
          Object.keys(entry).forEach(function (key) { if (KEYS[section].indexOf(key) < 0) fail(REFUSAL.unknownField, "unknown field '" + key + "' in " + where); });
          Object.keys(TYPES[section]).forEach(function (key) {
            // A priority that is not a whole number in range is refused as one, even a string.
            if (key === "priority" && entry[key] !== undefined && typeof entry[key] !== "boolean" && !whole(entry[key], -1000000, 1000000)) {
              fail(REFUSAL.numberOutOfRange, where + ".priority must be a whole number from -1000000 to 1000000");
            }
            need(entry, key, where + "." + key, where, TYPE_WORDS[TYPES[section][key]], function (v) { return typeOk(TYPES[section][key], v); }, OPTIONAL[key]);
          });
        });
      });
      ruleSet.fields.forEach(function (f, i) {
        if (!GROUPS[f.group]) fail(REFUSAL.unknownValue, "fields[" + i + "].group: unknown value '" + f.group + "'");
        if (!FORMATS[f.format]) fail(REFUSAL.unknownValue, "fields[" + i + "].format: unknown value '" + f.format + "'");
      });
      checkLinkStatus(ruleSet);
      need(ruleSet, "normalisation", "normalisation", "", "an array", Array.isArray);
      ruleSet.normalisation.forEach(function (step, i) {
        if (typeof step !== "string") fail(REFUSAL.wrongType, "normalisation[" + i + "]: expected a string, found " + kindOf(step));
        if (!Object.prototype.hasOwnProperty.call(NORMALISATION_STEPS, step)) fail(REFUSAL.unknownValue, "normalisation[" + i + "]: unknown value '" + step + "'");
      });
      var literals = {};
      ruleSet.rules.forEach(function (r) { r.literals.forEach(function (x) { literals[x] = true; }); });
      ruleSet.extractors.forEach(function (e) { literals[e.literal] = true; });
      var total = Object.keys(literals).reduce(function (sum, x) { return sum + utf8Length(x); }, 0);
      if (total > MAX_TOTAL_LITERAL_BYTES) fail(REFUSAL.literalTooLarge, "the literals add up to " + total + " bytes; at most " + MAX_TOTAL_LITERAL_BYTES + " are allowed");
      var declared = {};
      ruleSet.fields.forEach(function (f) { if (declared[f.name]) fail(REFUSAL.duplicateID, "field " + f.name + ": appears more than once"); declared[f.name] = true; });
      function checkNames(names, kind, id) {
        names.forEach(function (n) { if (n && !declared[n]) fail(REFUSAL.undeclaredField, kind + " " + id + ": names undeclared field '" + n + "'"); });
      }
      ruleSet.rules.forEach(function (r) { checkNames(r.captures, "rule", r.id); });
      ruleSet.extractors.forEach(function (e) { checkNames([e.field], "extractor", e.field); });
      ruleSet.derived.forEach(function (d) { checkNames([d.field].concat(d.inputs), "derived", d.field); });
      ruleSet.layouts.forEach(function (l) { checkNames(l.captures, "layout", l.id); });
      checkNames(["product"], "rule set", "fields");
      var problems = {};
      ruleSet.problems.forEach(function (p) { if (problems[p.id]) fail(REFUSAL.duplicateID, "problem " + p.id + ": appears more than once"); problems[p.id] = p; });
      var ruleIDs = {};
      var rules = ruleSet.rules.map(function (r) {
        if (ruleIDs[r.id]) fail(REFUSAL.duplicateID, "rule " + r.id + ": appears more than once");
        ruleIDs[r.id] = true;
        if (!problems[r.problem]) fail(REFUSAL.unknownReference, "rule " + r.id + ": names unknown problem '" + r.problem + "'");
        if (!r.literals.length || r.literals.some(function (x) { return !x; })) fail(REFUSAL.noUsableLiteral, "rule " + r.id + ": needs at least one non-empty literal");
        r.literals.forEach(function (x) { if (utf8Length(x) > MAX_LITERAL_BYTES) fail(REFUSAL.literalTooLarge, "rule " + r.id + ": a literal is longer than " + MAX_LITERAL_BYTES + " bytes"); });
        if (r.literals.some(function (x) { return x.indexOf("\n") >= 0; })) fail(REFUSAL.literalLineFeed, "rule " + r.id + ": a literal contains a line feed");
        if (!whole(r.priority, -1000000, 1000000)) fail(REFUSAL.numberOutOfRange, "rule " + r.id + ": priority must be a whole number from -1000000 to 1000000");
        if (BASES.indexOf(r.basis) < 0) fail(REFUSAL.unknownValue, "rule " + r.id + ": unknown basis '" + r.basis + "'");
        var re = regex(r.pattern, "rule", r.id, subset);
        if (groupCount(re) < r.captures.length) fail(REFUSAL.groupNotInPattern, "rule " + r.id + ": names more captures than the pattern has groups");
        return { rule: r, regex: re };
      });
      var extractors = ruleSet.extractors.map(function (e) {
        if (!e.groups.length) fail(REFUSAL.extractorGroups, "extractor " + e.field + ": needs at least one group");
        if (!e.groups.every(function (g) { return whole(g, 0, 99); })) fail(REFUSAL.numberOutOfRange, "extractor " + e.field + ": groups must be whole numbers from 0 to 99");
        if (!Object.prototype.hasOwnProperty.call(transforms, e.transform)) fail(REFUSAL.unknownValue, "extractor " + e.field + ": unknown transform '" + e.transform + "'");
        if (e.transform === "range" && e.groups.length !== 2) fail(REFUSAL.extractorGroups, "extractor " + e.field + ": range needs two groups");
        var re = regex(e.pattern, "extractor", e.field, subset);
        if (Math.max.apply(null, e.groups) > groupCount(re)) fail(REFUSAL.groupNotInPattern, "extractor " + e.field + ": the pattern has no group " + Math.max.apply(null, e.groups));
        return { extractor: e, regex: re };
      });
      ruleSet.derived.forEach(function (d) { if (!Object.prototype.hasOwnProperty.call(derivedFunctions, d.function)) fail(REFUSAL.unknownValue, "derived " + d.field + ": unknown function '" + d.function + "'"); });
      var productIDs = {};
      ruleSet.products.forEach(function (p) { productIDs[p.id] = true; });
      var layouts = ruleSet.layouts.map(function (l) {
        if (l.product != null && !productIDs[l.product]) fail(REFUSAL.unknownReference, "layout " + l.id + ": names unknown product '" + l.product + "'");
        return { layout: l, regex: regex(l.pattern, "layout", l.id, subset) };
      });
      // One expression for all the rules' literals: most lines hold none and need no rule tried.
      var escaped = rules.map(function (r) { return r.rule.literals[0].replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&"); });
      var anyLiteral = new RegExp(escaped.length ? escaped.join("|") : "(?!)");
      // Whether any layout matches, in one expression (each is anchored at the start).
      var anyLayout = layouts.length
        ? new RegExp(layouts.map(function (l) { return "(?:" + l.layout.pattern + ")"; }).join("|"))
        : /(?!)/;
      var exclusions = ruleSet.exclusions.map(function (x) { return regex(x.pattern, "exclusion", x.id, subset); });
      return { exclusions: exclusions, ruleSet: ruleSet, rules: rules, extractors: extractors, layouts: layouts, problems: problems, anyLiteral: anyLiteral, anyLayout: anyLayout, normalisation: ruleSet.normalisation.slice() };
    }

    // The fields and product of the first layout that matches `line`: it starts an entry. Null
    // when none matches: the line continues the entry before it.
    function entryFields(compiled, line) { return normalEntryFields(compiled, normalise(compiled, line)); }
    function normalEntryFields(compiled, line) {
      if (!compiled.anyLayout.test(line)) return null;
      for (var i = 0; i < compiled.layouts.length; i++) {
        var l = compiled.layouts[i];
        var m = l.regex.exec(line);
        if (!m) continue;
        var fields = {};
        l.layout.captures.forEach(function (name, k) {
          if (m[k + 1] !== undefined && fields[name] === undefined) fields[name] = m[k + 1];
        });
        return { fields: fields, product: l.layout.product || null };
      }
      return null;
    }

    // `entry` is what the line that started the line's entry told (entryFields), or null;
    // `own` is entryFields of the line itself when the caller has it already.
    function outranks(rule, other) {
      if (rule.basis !== other.basis) return BASES.indexOf(rule.basis) < BASES.indexOf(other.basis);
      return rule.priority > other.priority;
    }
    function explainLine(compiled, line, source, entry, own) {
      return explainNormalLine(compiled, normalise(compiled, line), source, entry, own);
    }
    // explainLine for a line already normalised.
    function explainNormalLine(compiled, line, source, entry, own) {
      if (!compiled.anyLiteral.test(line)) return null;
      var best = null;
      compiled.rules.forEach(function (entry) {
        if (best && !outranks(entry.rule, best.rule)) return;
        for (var i = 0; i < entry.rule.literals.length; i++) {
          if (line.indexOf(entry.rule.literals[i]) < 0) return;
        }
        var m = entry.regex.exec(line);
        if (m) best = { rule: entry.rule, match: m };
      });
      if (!best || compiled.exclusions.some(function (x) { return x.test(line); })) return null;
      var fields = {};
      best.rule.captures.forEach(function (name, i) {
        if (name && best.match[i + 1] !== undefined) fields[name] = best.match[i + 1];
      });
      compiled.extractors.forEach(function (entry) {
        var e = entry.extractor;
        if (fields[e.field] !== undefined || line.indexOf(e.literal) < 0) return;
        var m = entry.regex.exec(line);
        if (!m) return;
        var groups = e.groups.map(function (g) { return m[g]; });
        if (groups.some(function (g) { return g === undefined; })) return;
        var value = transforms[e.transform](groups);
        if (value != null && value !== "") fields[e.field] = value;
      });
      compiled.ruleSet.derived.forEach(function (d) {
        if (fields[d.field] !== undefined) return;
        var value = derivedFunctions[d.function](d.inputs.map(function (n) { return fields[n]; }));
        if (value != null) fields[d.field] = value;
      });
      var product = null;
      var layout = (own === undefined ? normalEntryFields(compiled, line) : own) || entry || null;
      if (layout) {
        Object.keys(layout.fields).forEach(function (name) {
          if (fields[name] === undefined) fields[name] = layout.fields[name];
        });
        product = layout.product;
      }
      if (!product && fields.logger !== undefined) {
        compiled.ruleSet.products.some(function (p) {
          if (p.logger_prefixes.some(function (prefix) { return fields.logger.indexOf(prefix) === 0; })) { product = p.id; return true; }
          return false;
        });
      }
      if (!product && source) {
        var name = source.split("/").pop();
        compiled.ruleSet.products.some(function (p) {
          if (p.log_file_prefixes.some(function (prefix) { return name.indexOf(prefix) === 0; })) { product = p.id; return true; }
          return false;
        });
      }
      if (product) fields.product = product;
      return { problem: best.rule.problem, rule: best.rule.id, basis: best.rule.basis, fields: fields };
    }



    // The first `maxBytes` bytes of `line` in UTF-8, as text: a character cut in two becomes
    // U+FFFD, as lookup decodes the bytes it keeps.
    var encoder = typeof TextEncoder === "undefined" ? null : new TextEncoder();
    var decoder = typeof TextDecoder === "undefined" ? null : new TextDecoder("utf-8");
    function cutBytes(line, maxBytes) {
      // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair 4 for 2 units).
      if (line.length * 3 <= maxBytes || !encoder) return line;
      var bytes = encoder.encode(line);
      return bytes.length <= maxBytes ? line : decoder.decode(bytes.subarray(0, maxBytes));
    }

    // Lines as lookup cuts a stream: split on line feeds, no line after a final line feed; a
    // line is cut at `maxBytes` bytes (the rule set's max_line_bytes), then one trailing
    // carriage return is dropped.
    function LineReader(onLine, maxBytes) {
      // Units kept of an unfinished line: each is at least one byte, and one more keeps a
      // surrogate pair whole.
      var MAX_LINE = maxBytes + 1;
      var partial = "", number = 0, tooLong = false;
      function emit(whole) {
        number += 1;
        var line = cutBytes(whole, maxBytes);
        onLine(line.charAt(line.length - 1) === "\r" ? line.slice(0, -1) : line, number);
      }
      return {
        push: function (text) {
          var start = 0, at;
          while ((at = text.indexOf("\n", start)) >= 0) {
            if (!tooLong) partial += text.slice(start, Math.min(at, start + MAX_LINE - partial.length));
            emit(partial);
            partial = "";
            tooLong = false;
            start = at + 1;
          }
          if (start < text.length && !tooLong) {
            partial += text.slice(start, start + MAX_LINE - partial.length);
            tooLong = partial.length >= MAX_LINE;
          }
        },
        end: function () { if (partial.length > 0 || tooLong) emit(partial); partial = ""; },
        lines: function () { return number; }
      };
    }

    // Findings grouped by problem as lookup --summary groups them: most frequent first, ties in
    // order of first appearance; each with its first and last finding, its links (at most
    // `maxLinks` one by one: the rule set's summary_max_links), and the first `keep` findings
    // to show.
    function Summary(keep, maxLinks) {
      var groups = [], byProblem = {};
      function place(f) { return { source: f.source, line: f.line, log_time: f.fields.log_time, text: f.text }; }
      return {
        add: function (f) {
          var g = byProblem[f.problem];
          if (!g) {
            g = byProblem[f.problem] = { problem: f.problem, order: groups.length, count: 0, first: place(f), links: [], linkIndex: {}, named: 0, otherLinks: 0, shown: [] };
            groups.push(g);
          }
          g.count += 1;
          g.last = place(f);
          if (g.shown.length < keep) g.shown.push(f);
          // As lookup counts them: at most maxLinks distinct links, the rest only counted;
          // findings whose line names no link in one tally of their own.
          var link = f.fields.link === undefined ? null : f.fields.link;
          var key = link === null ? "\u0000none" : "=" + link;
          var l = g.linkIndex[key];
          if (!l && (link === null || g.named < maxLinks)) {
            l = g.linkIndex[key] = { link: link, count: 0, first: place(f), order: g.links.length };
            g.links.push(l);
            if (link !== null) g.named += 1;
          }
          if (l) {
            l.count += 1;
            l.last = place(f);
          } else {
            g.otherLinks += 1;
          }
        },
        groups: function () {
          return groups.slice().sort(function (a, b) { return b.count - a.count || a.order - b.order; })
            .map(function (g) {
              return { problem: g.problem, count: g.count, first: g.first, last: g.last, shown: g.shown,
                       otherLinks: g.otherLinks,
                       links: g.links.slice().sort(function (a, b) {
                         if ((a.link === null) !== (b.link === null)) return a.link === null ? 1 : -1;
                         return b.count - a.count || a.order - b.order;
                       }) };
            });
        },
        total: function () { return groups.reduce(function (n, g) { return n + g.count; }, 0); }
      };
    }

    // Explains the lines of one source in order, as LineReader gives them, carrying each
    // entry's first-line fields to the lines that continue it; each line's layout is read once.
    function LineExplainer(compiled, source, onFinding) {
      var entry = null;  // what the last line that started an entry tells the lines after it
      return function (line, number) {
        // Normalised once for the layout and the rules alike.
        var normal = normalise(compiled, line);
        var own = normalEntryFields(compiled, normal);
        var found = explainNormalLine(compiled, normal, source, entry, own);
        if (own) entry = own;
        if (found) {
          found.source = source;
          found.line = number;
          found.text = line.slice(0, 2000);
          onFinding(found);
        }
      };
    }

    // `maxLineBytes`, when given, instead of the rule set's max_line_bytes.
    function explainText(compiled, text, source, maxLineBytes) {
      var findings = [];
      var reader = LineReader(LineExplainer(compiled, source || "-", function (found) {
        found.title = compiled.problems[found.problem] ? compiled.problems[found.problem].title : found.problem;
        findings.push(found);
      }), maxLineBytes || compiled.ruleSet.max_line_bytes);
      reader.push(text);
      reader.end();
      return { findings: findings, lines: reader.lines() };
    }

    return { load: load, RuleSetError: RuleSetError, explainLine: explainLine, entryFields: entryFields, explainText: explainText,
             LineReader: LineReader, LineExplainer: LineExplainer, Summary: Summary };
  }

  // The worker that reads a file: slices of it, through gzip when its first bytes say so, as
  // text, line by line, through the same engine; it posts progress and the grouped findings.
  function workerMain() {
    var engine = AppLinksEngine(), KEEP = 50;
    self.onmessage = function (event) {
      var job = event.data, compiled;
      try { compiled = engine.load(job.rules, job.subset); } catch (e) { self.postMessage({ type: "error", message: e.code ? e.message + " (" + e.code + ")" : e.message }); return; }
      var summary = engine.Summary(KEEP, compiled.ruleSet.summary_max_links), bytes = 0, nuls = 0, lastPost = 0;
      var reader = engine.LineReader(engine.LineExplainer(compiled, job.name, summary.add), compiled.ruleSet.max_line_bytes);
      function snapshot(type, extra) {
        var message = { type: type, bytes: bytes, total: job.file.size, lines: reader.lines(), groups: summary.groups(), binary: nuls > 16 };
        for (var key in extra) message[key] = extra[key];
        self.postMessage(message);
      }
      job.file.slice(0, 2).arrayBuffer().then(function (head) {
        var magic = new Uint8Array(head);
        var gzip = magic.length === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
        var stream = job.file.stream().pipeThrough(new TransformStream({
          transform: function (chunk, controller) { bytes += chunk.byteLength; controller.enqueue(chunk); }
        }));
        if (gzip) stream = stream.pipeThrough(new DecompressionStream("gzip"));
        var text = stream.pipeThrough(new TextDecoderStream()).getReader();
        function next() {
          return text.read().then(function (part) {
            if (part.done) { reader.end(); snapshot("done", { gzip: gzip }); return; }
            // Counting NUL characters is the point here (a binary file), so the regex names one.
            // eslint-disable-next-line no-control-regex
            if (nuls <= 16) nuls += (part.value.match(/\u0000/g) || []).length;
            reader.push(part.value);
            var now = Date.now();
            if (now - lastPost > 150) { lastPost = now; snapshot("progress", { gzip: gzip }); }
            return next();
          });
        }
        return next().catch(function (error) {
          reader.end();
          snapshot("done", { gzip: gzip, error: gzip
            ? "The compressed data is damaged or ends early, after " + bytes + " bytes of the file (" + error.message + "). The findings of what could be read are shown."
            : "The file could not be read past byte " + bytes + " (" + error.message + "). The findings of what could be read are shown." });
        });
      });
    };
  }

  var engine = AppLinksEngine();
  var subset = window.APPLINKS_PORTABLE_SUBSET;
  var compiled = window.APPLINKS_RULES && subset ? engine.load(window.APPLINKS_RULES, subset) : null;
  window.AppLinksExplain = {
    // `maxLineBytes`, when given, instead of the rule set's max_line_bytes.
    explain: function (text, maxLineBytes) { return compiled ? engine.explainText(compiled, text, "-", maxLineBytes).findings : []; },
    // Findings (each with problem, source, line, text and fields) grouped as lookup --summary
    // groups them, with the rule set's summary_max_links.
    summarise: function (findings) {
      var summary = engine.Summary(0, compiled.ruleSet.summary_max_links);
      findings.forEach(summary.add);
      return summary.groups();
    },
    explainLine: function (line) { return compiled ? engine.explainLine(compiled, line, "-") : null; },
    // Loads another rule set as lookup --rules would: an engine with the same explain and
    // explainLine, or a RuleSetError naming what is wrong.
    load: function (ruleSet) {
      var other = engine.load(ruleSet, subset);
      return {
        explain: function (text, maxLineBytes) { return engine.explainText(other, text, "-", maxLineBytes).findings; },
        explainLine: function (line) { return engine.explainLine(other, line, "-"); }
      };
    }
  };

  // Labels come with the rule set (its `fields`), declared once beside lookup's sentences.
  var fieldLabels = compiled ? compiled.ruleSet.fields.reduce(function (m, f) { m[f.name] = f.label; return m; }, {}) : {};
  var explainPage = document.querySelector("[data-wording-note]");
  var wordingNote = explainPage ? explainPage.getAttribute("data-wording-note") : "";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Catalogue prose is Markdown; code spans become <code>, the rest stays text.
  function prose(tag, markdown) {
    var node = element(tag);
    markdown.split("`").forEach(function (part, i) {
      node.appendChild(i % 2 ? element("code", null, part) : document.createTextNode(part));
    });
    return node;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function placeText(p) { return p.log_time ? p.log_time + " (line " + p.line + ")" : "line " + p.line; }

  function findingCard(f) {
    var card = element("article", "finding");
    card.setAttribute("data-problem", f.problem);
    card.setAttribute("data-line", String(f.line));
    card.setAttribute("data-fields", JSON.stringify(f.fields));
    card.setAttribute("data-basis", f.basis);
    card.appendChild(element("p", "line-text", "Line " + f.line + ": " + f.text));
    // An answer from words alone is weaker than one from a code; lookup says so too.
    if (f.basis === "wording" && wordingNote) card.appendChild(element("p", "basis-note", wordingNote));
    var names = Object.keys(f.fields).sort();
    if (names.length) {
      var dl = element("dl");
      names.forEach(function (name) {
        var dt = element("dt", null, fieldLabels[name] || name);
        dt.setAttribute("data-field", name);
        dl.appendChild(dt);
        dl.appendChild(element("dd", null, f.fields[name]));
      });
      card.appendChild(dl);
    }
    return card;
  }

  // One group per problem, as lookup --summary lists them.
  function renderGroups(output, groups, root) {
    output.textContent = "";
    groups.forEach(function (g) {
      var problem = compiled.problems[g.problem];
      var box = element("section", "finding-group");
      box.setAttribute("data-problem", g.problem);
      box.setAttribute("data-count", String(g.count));
      box.setAttribute("data-first-line", String(g.first.line));
      box.setAttribute("data-last-line", String(g.last.line));
      var heading = element("h3");
      var link = element("a", null, problem ? problem.title : g.problem);
      link.href = root + (problem ? problem.url : "index.html");
      heading.appendChild(link);
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(element("code", null, g.problem));
      heading.appendChild(element("span", "count", " " + plural(g.count, "line", "lines")));
      box.appendChild(heading);
      if (problem) box.appendChild(element("p", "group-summary", problem.summary));
      box.appendChild(element("p", "group-times", g.count === 1
        ? "Seen at " + placeText(g.first) + "."
        : "First seen at " + placeText(g.first) + ", last at " + placeText(g.last) + "."));
      if (g.links.some(function (l) { return l.link !== null; })) {
        var links = element("ul", "group-links");
        links.setAttribute("aria-label", "Links");
        g.links.forEach(function (l) {
          var item = element("li");
          item.setAttribute("data-count", String(l.count));
          if (l.link === null) {
            item.appendChild(document.createTextNode(plural(l.count, "line names", "lines name") + " no link"));
          } else {
            item.setAttribute("data-link", l.link);
            item.appendChild(element("code", null, l.link));
            item.appendChild(document.createTextNode(" " + plural(l.count, "line", "lines")));
          }
          links.appendChild(item);
        });
        if (g.otherLinks) links.appendChild(element("li", null, plural(g.otherLinks, "line", "lines") + " from further links"));
        box.appendChild(links);
      }
      if (problem && problem.causes.length) {
        var causes = element("details", "group-causes");
        causes.appendChild(element("summary", null, "Causes and what to do"));
        var list = element("ol");
        problem.causes.forEach(function (c) {
          var item = element("li");
          item.appendChild(prose("p", c.description));
          var actions = element("ul");
          c.actions.forEach(function (a) { actions.appendChild(prose("li", a)); });
          item.appendChild(actions);
          list.appendChild(item);
        });
        causes.appendChild(list);
        box.appendChild(causes);
      }
      var lines = element("details", "group-lines");
      lines.appendChild(element("summary", null, g.shown.length < g.count
        ? "Show the first " + g.shown.length + " of " + plural(g.count, "line", "lines")
        : "Show the " + plural(g.count, "line", "lines")));
      g.shown.forEach(function (f) { lines.appendChild(findingCard(f)); });
      box.appendChild(lines);
      output.appendChild(box);
    });
  }

  // The worker is built from this script's own functions, so it also runs from file://.
  var workerSource = null;
  function startWorker() {
    workerSource = workerSource || URL.createObjectURL(new Blob(
      ["var AppLinksEngine = " + AppLinksEngine.toString() + ";\n(" + workerMain.toString() + ")();\n"],
      { type: "text/javascript" }));
    return new Worker(workerSource);
  }

  function fileTool(wrapper, status, output, root) {
    var tool = element("div", "explain-file");
    var id = "log-file-" + Math.random().toString(36).slice(2, 8);
    var label = element("label", null, "Or open a log file (plain or .gz); it is read here, in this page");
    label.htmlFor = id;
    var input = element("input");
    input.type = "file";
    input.id = id;
    var progress = element("progress");
    progress.max = 1;
    progress.value = 0;
    progress.hidden = true;
    progress.setAttribute("aria-label", "Reading the file");
    var cancel = element("button", null, "Cancel");
    cancel.type = "button";
    cancel.hidden = true;
    tool.appendChild(label);
    tool.appendChild(input);
    tool.appendChild(progress);
    tool.appendChild(cancel);
    var worker = null, last = null;

    function finish(state, message) {
      if (worker) { worker.terminate(); worker = null; }
      progress.hidden = true;
      cancel.hidden = true;
      output.setAttribute("data-state", state);
      status.textContent = message;
    }
    function describe(m) {
      var found = m.groups.reduce(function (n, g) { return n + g.count; }, 0);
      return plural(found, "finding", "findings") + " in " + plural(m.lines, "line", "lines") +
        " (" + m.bytes + " bytes" + (m.gzip ? " compressed" : "") + ")";
    }
    function read(file) {
      if (worker) worker.terminate();
      worker = startWorker();
      output.textContent = "";
      output.setAttribute("data-state", "reading");
      output.setAttribute("data-source", file.name);
      progress.hidden = false;
      progress.value = 0;
      cancel.hidden = false;
      status.textContent = "Reading " + file.name + "…";
      worker.onmessage = function (event) {
        var m = event.data;
        last = m;
        if (m.type === "error") { finish("error", "The rule set could not be loaded: " + m.message); return; }
        progress.value = m.total ? m.bytes / m.total : 1;
        renderGroups(output, m.groups, root);
        var note = m.binary ? " This file does not look like text (it holds NUL bytes); only its text lines were read." : "";
        if (m.type === "done") {
          finish(m.error ? "failed" : "done", (m.error ? m.error + " " : "") + file.name + ": " + describe(m) + "." + note);
        } else {
          status.textContent = "Reading " + file.name + ": " + describe(m) + " so far…" + note;
        }
      };
      worker.onerror = function (event) { finish("failed", "Reading " + file.name + " failed: " + (event.message || "the worker stopped") + "."); };
      worker.postMessage({ rules: window.APPLINKS_RULES, subset: subset, file: file, name: file.name });
    }
    input.addEventListener("change", function () { if (input.files.length) read(input.files[0]); });
    cancel.addEventListener("click", function () {
      finish("cancelled", "Cancelled" + (last ? " after " + describe(last) : "") + ".");
    });
    wrapper.addEventListener("dragover", function (event) { event.preventDefault(); wrapper.classList.add("dropping"); });
    wrapper.addEventListener("dragleave", function () { wrapper.classList.remove("dropping"); });
    wrapper.addEventListener("drop", function (event) {
      event.preventDefault();
      wrapper.classList.remove("dropping");
      if (event.dataTransfer && event.dataTransfer.files.length) read(event.dataTransfer.files[0]);
    });
    return tool;
  }

  function mount(container) {
    if (!compiled) return;
    var root = document.body.getAttribute("data-root") || "";
    var wrapper = element("div", "explain");
    var id = "paste-" + Math.random().toString(36).slice(2, 8);
    var label = element("label", null, "Paste one or more log lines");
    label.htmlFor = id;
    var area = element("textarea");
    area.id = id;
    area.spellcheck = false;
    area.setAttribute("autocomplete", "off");
    area.placeholder = "e.g. WWW-Authenticate: OAuth realm=\"...\", oauth_problem=\"signature_invalid\"";
    var status = element("p", "explain-status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var output = element("div", "explain-results");
    output.setAttribute("data-explain-results", "");
    if (container.hasAttribute("data-explain-page")) output.id = "findings";
    wrapper.appendChild(label);
    wrapper.appendChild(area);
    if (container.hasAttribute("data-explain-page")) wrapper.appendChild(fileTool(wrapper, status, output, root));
    wrapper.appendChild(status);
    wrapper.appendChild(output);
    container.appendChild(wrapper);

    function show() {
      output.textContent = "";
      var text = area.value;
      if (!text.trim()) { status.textContent = ""; output.removeAttribute("data-state"); return; }
      var result = engine.explainText(compiled, text, "-");
      var summary = engine.Summary(100, compiled.ruleSet.summary_max_links);
      result.findings.forEach(summary.add);
      var lines = result.lines;
      status.textContent = result.findings.length === 0
        ? "No known problem in " + (lines === 1 ? "this line." : "these " + lines + " lines.")
        : result.findings.length + " of " + lines + (lines === 1 ? " line" : " lines") + " explained.";
      renderGroups(output, summary.groups(), root);
      output.setAttribute("data-source", "-");
      output.setAttribute("data-state", "done");
    }
    var timer = null;
    area.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(show, 120); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-explain]"), mount);
})();

// The paste box: applies rules.js (the same rule set as rules.json and `lookup`) to pasted log
// lines, entirely in the browser. The steps follow rules.schema.json's description.
(function () {
  "use strict";

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
    var end = authority.search(/[\/?#]/);
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

  var SCHEMA_VERSION = 2;
  var MAX_LITERAL_BYTES = 1024, MAX_TOTAL_LITERAL_BYTES = 65536;
  var KEYS = {
    "": ["schema_version", "catalogue_version", "problems", "products", "rules", "extractors", "derived", "layouts", "fields", "$schema"],
    problems: ["id", "title", "summary", "meaning", "category", "category_title", "oauth_problem", "link_status_types", "log_message", "causes", "products", "url"],
    products: ["id", "name", "application_logs", "web_server_logs", "log_files", "logger_prefixes", "log_file_prefixes"],
    rules: ["id", "problem", "shape", "literals", "pattern", "captures", "priority"],
    extractors: ["field", "literal", "pattern", "groups", "transform"],
    derived: ["field", "function", "inputs"],
    layouts: ["id", "product", "pattern", "captures"],
    fields: ["name", "label", "description", "sentence", "group", "format"]
  };
  var OPTIONAL = { oauth_problem: true, product: true };
  // The JSON type of each key: s string, S array of strings, L array, n number.
  var TYPES = {
    problems: { id: "s", title: "s", summary: "s", meaning: "s", category: "s", category_title: "s", oauth_problem: "s", link_status_types: "S", log_message: "s", causes: "L", products: "S", url: "s" },
    products: { id: "s", name: "s", application_logs: "S", web_server_logs: "S", log_files: "S", logger_prefixes: "S", log_file_prefixes: "S" },
    rules: { id: "s", problem: "s", shape: "s", literals: "S", pattern: "s", captures: "S", priority: "n" },
    extractors: { field: "s", literal: "s", pattern: "s", groups: "L", transform: "s" },
    derived: { field: "s", function: "s", inputs: "S" },
    layouts: { id: "s", product: "s", pattern: "s", captures: "S" },
    fields: { name: "s", label: "s", description: "s", sentence: "s", group: "s", format: "s" }
  };
  var GROUPS = { evidence: true, origin: true }, FORMATS = { text: true, utc_time: true, seconds_offset: true };

  function RuleSetError(message) { this.name = "RuleSetError"; this.message = message; }
  RuleSetError.prototype = Object.create(Error.prototype);
  function fail(message) { throw new RuleSetError(message); }
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
  // as its description says: escapes first, then sequences in the plain text, then bare dots.
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
      if (c.kind === "bare_dot" && hasBareDot(pattern)) return c.reason;
    }
    return null;
  }
  function hasBareDot(pattern) {
    var inClass = false;
    for (var i = 0; i < pattern.length; i++) {
      var c = pattern.charAt(i);
      if (c === "\\") { i++; continue; }
      if (inClass) { if (c === "]") inClass = false; }
      else if (c === "[") {
        inClass = true;
        if (pattern.charAt(i + 1) === "^") i++;
        if (pattern.charAt(i + 1) === "]") i++;
      } else if (c === ".") return true;
    }
    return false;
  }
  function regex(pattern, kind, id, subset) {
    if (typeof pattern !== "string" || !pattern) fail(kind + " " + id + ": the pattern must be a non-empty string");
    var reason = nonPortableConstruct(pattern, subset);
    if (reason) fail(kind + " " + id + ": " + reason);
    try { return new RegExp(pattern); } catch (e) { fail(kind + " " + id + ": does not compile as a regular expression"); }
  }
  function groupCount(re) { return new RegExp("|" + re.source).exec("").length - 1; }

  // Checks `ruleSet` as lookup does and compiles it; throws RuleSetError naming what is wrong.
  function load(ruleSet, subset) {
    if (!isObject(ruleSet)) fail("the top level must be an object");
    if (!whole(ruleSet.schema_version, -Math.pow(2, 62), Math.pow(2, 62))) fail("schema_version is missing or not a whole number");
    if (ruleSet.schema_version !== SCHEMA_VERSION) fail("schema_version " + ruleSet.schema_version + " is not supported");
    Object.keys(ruleSet).forEach(function (key) { if (KEYS[""].indexOf(key) < 0) fail("unknown field '" + key + "' at the top level"); });
    if (typeof ruleSet.catalogue_version !== "string") fail("catalogue_version is missing or not a string");
    Object.keys(TYPES).forEach(function (section) {
      var entries = ruleSet[section];
      if (!Array.isArray(entries)) fail(section + " is missing or not an array");
      entries.forEach(function (entry, index) {
        if (!isObject(entry)) fail(section + "[" + index + "] is not an object");
        Object.keys(entry).forEach(function (key) { if (KEYS[section].indexOf(key) < 0) fail("unknown field '" + key + "' in " + section + "[" + index + "]"); });
        Object.keys(TYPES[section]).forEach(function (key) {
          if (entry[key] === undefined || entry[key] === null) {
            if (OPTIONAL[key]) return;
            fail("missing field '" + key + "' in " + section + "[" + index + "]");
          }
          if (!typeOk(TYPES[section][key], entry[key])) fail(section + "[" + index + "]." + key + " has the wrong type");
        });
      });
    });
    ruleSet.fields.forEach(function (f, i) { if (!GROUPS[f.group] || !FORMATS[f.format]) fail("fields[" + i + "]: unknown group or format"); });
    var literals = {};
    ruleSet.rules.forEach(function (r) { r.literals.forEach(function (x) { literals[x] = true; }); });
    ruleSet.extractors.forEach(function (e) { literals[e.literal] = true; });
    var total = Object.keys(literals).reduce(function (sum, x) { return sum + utf8Length(x); }, 0);
    if (total > MAX_TOTAL_LITERAL_BYTES) fail("the literals add up to " + total + " bytes; at most " + MAX_TOTAL_LITERAL_BYTES + " are allowed");
    var declared = {};
    ruleSet.fields.forEach(function (f) { if (declared[f.name]) fail("field " + f.name + ": appears more than once"); declared[f.name] = true; });
    function checkNames(names, kind, id) {
      names.forEach(function (n) { if (n && !declared[n]) fail(kind + " " + id + ": names undeclared field '" + n + "'"); });
    }
    ruleSet.rules.forEach(function (r) { checkNames(r.captures, "rule", r.id); });
    ruleSet.extractors.forEach(function (e) { checkNames([e.field], "extractor", e.field); });
    ruleSet.derived.forEach(function (d) { checkNames([d.field].concat(d.inputs), "derived", d.field); });
    ruleSet.layouts.forEach(function (l) { checkNames(l.captures, "layout", l.id); });
    checkNames(["product"], "rule set", "fields");
    var problems = {};
    ruleSet.problems.forEach(function (p) { if (problems[p.id]) fail("problem " + p.id + ": appears more than once"); problems[p.id] = p; });
    var ruleIDs = {};
    var rules = ruleSet.rules.map(function (r) {
      if (ruleIDs[r.id]) fail("rule " + r.id + ": appears more than once");
      ruleIDs[r.id] = true;
      if (!problems[r.problem]) fail("rule " + r.id + ": names unknown problem '" + r.problem + "'");
      if (!r.literals.length || r.literals.some(function (x) { return !x; })) fail("rule " + r.id + ": needs at least one non-empty literal");
      r.literals.forEach(function (x) { if (utf8Length(x) > MAX_LITERAL_BYTES) fail("rule " + r.id + ": a literal is longer than " + MAX_LITERAL_BYTES + " bytes"); });
      if (r.literals.some(function (x) { return x.indexOf("\n") >= 0; })) fail("rule " + r.id + ": a literal contains a line feed");
      if (!whole(r.priority, -1000000, 1000000)) fail("rule " + r.id + ": priority must be a whole number from -1000000 to 1000000");
      var re = regex(r.pattern, "rule", r.id, subset);
      if (groupCount(re) < r.captures.length) fail("rule " + r.id + ": names more captures than the pattern has groups");
      return { rule: r, regex: re };
    });
    var extractors = ruleSet.extractors.map(function (e) {
      if (!e.groups.length) fail("extractor " + e.field + ": needs at least one group");
      if (!e.groups.every(function (g) { return whole(g, 0, 99); })) fail("extractor " + e.field + ": groups must be 0...99");
      if (!transforms.hasOwnProperty(e.transform)) fail("extractor " + e.field + ": unknown transform " + e.transform);
      if (e.transform === "range" && e.groups.length !== 2) fail("extractor " + e.field + ": range needs two groups");
      var re = regex(e.pattern, "extractor", e.field, subset);
      if (Math.max.apply(null, e.groups) > groupCount(re)) fail("extractor " + e.field + ": the pattern has no group " + Math.max.apply(null, e.groups));
      return { extractor: e, regex: re };
    });
    ruleSet.derived.forEach(function (d) { if (!derivedFunctions.hasOwnProperty(d.function)) fail("derived " + d.field + ": unknown function " + d.function); });
    var productIDs = {};
    ruleSet.products.forEach(function (p) { productIDs[p.id] = true; });
    var layouts = ruleSet.layouts.map(function (l) {
      if (l.product != null && !productIDs[l.product]) fail("layout " + l.id + ": names unknown product '" + l.product + "'");
      return { layout: l, regex: regex(l.pattern, "layout", l.id, subset) };
    });
    return { ruleSet: ruleSet, rules: rules, extractors: extractors, layouts: layouts, problems: problems };
  }

  // The fields and product of the first layout that matches `line`: it starts an entry. Null
  // when none matches: the line continues the entry before it.
  function entryFields(compiled, line) {
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

  function explainLine(compiled, line, source, entry) {
    var best = null;
    compiled.rules.forEach(function (entry) {
      if (best && best.rule.priority >= entry.rule.priority) return;
      for (var i = 0; i < entry.rule.literals.length; i++) {
        if (line.indexOf(entry.rule.literals[i]) < 0) return;
      }
      var m = entry.regex.exec(line);
      if (m) best = { rule: entry.rule, match: m };
    });
    if (!best) return null;
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
    var layout = entryFields(compiled, line) || entry || null;
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
    return { problem: best.rule.problem, rule: best.rule.id, fields: fields };
  }

  // Lines as lookup reads them: split on line feeds, one trailing carriage return dropped; a
  // line that no layout matches continues the entry of the last line that one matched.
  function explainText(compiled, text) {
    var findings = [];
    var lines = text.split("\n");
    if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
    var entry = null;  // what the last line that started an entry tells the lines after it
    lines.forEach(function (raw, index) {
      var line = raw.charAt(raw.length - 1) === "\r" ? raw.slice(0, -1) : raw;
      var found = explainLine(compiled, line, "-", entry);
      entry = entryFields(compiled, line) || entry;
      if (found) {
        found.line = index + 1;
        found.text = line.slice(0, 2000);
        found.title = compiled.problems[found.problem] ? compiled.problems[found.problem].title : found.problem;
        findings.push(found);
      }
    });
    return findings;
  }

  var subset = window.APPLINKS_PORTABLE_SUBSET;
  var compiled = window.APPLINKS_RULES && subset ? load(window.APPLINKS_RULES, subset) : null;
  window.AppLinksExplain = {
    explain: function (text) { return compiled ? explainText(compiled, text) : []; },
    explainLine: function (line) { return compiled ? explainLine(compiled, line, "-") : null; },
    // Loads another rule set as lookup --rules would: an engine with the same explain and
    // explainLine, or a RuleSetError naming what is wrong.
    load: function (ruleSet) {
      var other = load(ruleSet, subset);
      return {
        explain: function (text) { return explainText(other, text); },
        explainLine: function (line) { return explainLine(other, line, "-"); }
      };
    }
  };

  // Labels come with the rule set (its `fields`), declared once beside lookup's sentences.
  var fieldLabels = compiled ? compiled.ruleSet.fields.reduce(function (m, f) { m[f.name] = f.label; return m; }, {}) : {};

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
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
    wrapper.appendChild(label);
    wrapper.appendChild(area);
    wrapper.appendChild(status);
    wrapper.appendChild(output);
    container.appendChild(wrapper);

    function show() {
      output.textContent = "";
      var text = area.value;
      if (!text.trim()) { status.textContent = ""; return; }
      var findings = explainText(compiled, text);
      var lines = text.split("\n").filter(function (l, i, all) { return !(i === all.length - 1 && l === ""); }).length;
      status.textContent = findings.length === 0
        ? "No known problem in " + (lines === 1 ? "this line." : "these " + lines + " lines.")
        : findings.length + " of " + lines + (lines === 1 ? " line" : " lines") + " explained.";
      findings.forEach(function (f) {
        var problem = compiled.problems[f.problem];
        var box = element("article", "finding");
        box.setAttribute("data-problem", f.problem);
        box.setAttribute("data-line", String(f.line));
        box.setAttribute("data-fields", JSON.stringify(f.fields));
        var heading = element("h3");
        var link = element("a", null, problem ? problem.title : f.problem);
        link.href = root + (problem ? problem.url : "index.html");
        heading.appendChild(link);
        heading.appendChild(document.createTextNode(" "));
        heading.appendChild(element("code", null, f.problem));
        box.appendChild(heading);
        if (problem) box.appendChild(element("p", null, problem.summary));
        box.appendChild(element("p", "line-text", "Line " + f.line + ": " + f.text));
        var names = Object.keys(f.fields).sort();
        if (names.length) {
          var dl = element("dl");
          names.forEach(function (name) {
            var dt = element("dt", null, fieldLabels[name] || name);
            dt.setAttribute("data-field", name);
            dl.appendChild(dt);
            dl.appendChild(element("dd", null, f.fields[name]));
          });
          box.appendChild(dl);
        }
        output.appendChild(box);
      });
    }
    var timer = null;
    area.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(show, 120); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-explain]"), mount);
})();

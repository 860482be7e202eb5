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
    }
  };

  function compile(ruleSet) {
    return {
      ruleSet: ruleSet,
      rules: ruleSet.rules.map(function (r) { return { rule: r, regex: new RegExp(r.pattern) }; }),
      extractors: ruleSet.extractors.map(function (e) { return { extractor: e, regex: new RegExp(e.pattern) }; }),
      layouts: ruleSet.layouts.map(function (l) { return { layout: l, regex: new RegExp(l.pattern) }; }),
      problems: ruleSet.problems.reduce(function (m, p) { m[p.id] = p; return m; }, {})
    };
  }

  function explainLine(compiled, line, source) {
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
    for (var i = 0; i < compiled.layouts.length; i++) {
      var l = compiled.layouts[i];
      var m = l.regex.exec(line);
      if (!m) continue;
      l.layout.captures.forEach(function (name, k) {
        if (m[k + 1] !== undefined && fields[name] === undefined) fields[name] = m[k + 1];
      });
      product = l.layout.product || null;
      break;
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

  // Lines as lookup reads them: split on line feeds, one trailing carriage return dropped.
  function explainText(compiled, text) {
    var findings = [];
    var lines = text.split("\n");
    if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
    lines.forEach(function (raw, index) {
      var line = raw.charAt(raw.length - 1) === "\r" ? raw.slice(0, -1) : raw;
      var found = explainLine(compiled, line, "-");
      if (found) {
        found.line = index + 1;
        found.text = line.slice(0, 2000);
        found.title = compiled.problems[found.problem] ? compiled.problems[found.problem].title : found.problem;
        findings.push(found);
      }
    });
    return findings;
  }

  var compiled = window.APPLINKS_RULES ? compile(window.APPLINKS_RULES) : null;
  window.AppLinksExplain = {
    explain: function (text) { return compiled ? explainText(compiled, text) : []; },
    explainLine: function (line) { return compiled ? explainLine(compiled, line, "-") : null; }
  };

  var fieldLabels = {
    oauth_problem: "oauth_problem", consumer_key: "Consumer key", token: "Access token", realm: "Realm",
    signed_method: "Signed method", signed_url: "URL that was signed (compare it with the link's URL)",
    acceptable_timestamps: "Accepted timestamps", remote_clock: "Remote server's clock (UTC)",
    request_timestamp: "Request timestamp", clock_skew_seconds: "Clock skew (seconds)",
    parameters_absent: "Missing parameters", parameters_rejected: "Rejected parameters",
    oauth_acceptable_versions: "Accepted OAuth versions", problem_advice: "Advice from the remote end",
    remote_host: "Remote host", remote_port: "Remote port", certificate_subject: "Certificate subject",
    link_status_type: "Link status", request_url: "URL requested", product: "Product", log_time: "Logged at", level: "Level",
    thread: "Thread", logger: "Logger"
  };

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

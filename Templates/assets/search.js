// Search for the AppLinksKB help site. Works from file:// with no server: the index arrives as
// window.APPLINKS_SEARCH_INDEX from search-index.js. Without JavaScript the box stays hidden.
(function () {
  "use strict";
  var data = window.APPLINKS_SEARCH_INDEX;
  var box = document.querySelector("[data-search]");
  if (!data || !box) return;
  var root = document.body.getAttribute("data-root") || "";
  var input = box.querySelector("input");
  var status = box.querySelector("[role=status]");
  var results = box.querySelector(".search-results");
  var documents = data.documents.map(function (doc, order) {
    return {
      doc: doc,
      order: order,
      codes: doc.codes.map(function (c) { return c.toLowerCase(); }),
      titleWords: words(doc.title),
      textWords: words(doc.text + " " + doc.codes.join(" "))
    };
  });
  var selected = -1;

  function words(text) {
    return text.toLowerCase().split(/[^a-z0-9]+/).filter(function (w) { return w.length > 0; });
  }

  // A pasted `oauth_problem=x`, `oauth_problem="x"` or a bare code searches for the code itself.
  function normalise(query) {
    var q = query.trim().toLowerCase();
    var m = /oauth_problem["']?\s*[=:]\s*["']?([a-z_]+)/.exec(q);
    return m ? m[1] : q;
  }

  function hasPrefix(list, word) {
    for (var i = 0; i < list.length; i++) if (list[i].indexOf(word) === 0) return true;
    return false;
  }

  function score(entry, query, queryWords) {
    var kindBonus = { problem: 60, cause: 10, page: 5, product: 30, flavour: 30, article: 20 }[entry.doc.kind] || 0;
    if (entry.codes.indexOf(query) >= 0) return 1000 + kindBonus;
    if (entry.titleWords.join(" ") === queryWords.join(" ")) return 500 + kindBonus;
    var total = 0;
    for (var i = 0; i < queryWords.length; i++) {
      var w = queryWords[i];
      var s = 0;
      if (entry.titleWords.indexOf(w) >= 0) s += 20;
      else if (hasPrefix(entry.titleWords, w)) s += 12;
      if (entry.textWords.indexOf(w) >= 0) s += 4;
      else if (hasPrefix(entry.textWords, w)) s += 2;
      if (s === 0) return 0;
      total += s;
    }
    return total + kindBonus / 10;
  }

  function search(query) {
    var q = normalise(query);
    var qw = words(q);
    if (qw.length === 0) return [];
    var found = [];
    documents.forEach(function (entry) {
      var s = score(entry, q, qw);
      if (s > 0) found.push({ entry: entry, score: s });
    });
    found.sort(function (a, b) { return b.score - a.score || a.entry.order - b.entry.order; });
    // A problem's page and the problem's own entry lead to the same place: keep the better one.
    var seen = {};
    found = found.filter(function (hit) {
      var file = hit.entry.doc.url.split("#")[0];
      var key = (hit.entry.doc.kind === "page" || hit.entry.doc.kind === "problem") ? file : hit.entry.doc.id;
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    });
    return found.slice(0, 30);
  }

  // Matched words are wrapped in <mark>; text goes in as text nodes, never as markup.
  function highlighted(text, queryWords) {
    var fragment = document.createDocumentFragment();
    var parts = text.split(/([A-Za-z0-9]+)/);
    parts.forEach(function (part) {
      var lower = part.toLowerCase();
      var hit = queryWords.some(function (w) { return w.length > 1 && lower.indexOf(w) === 0; });
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        fragment.appendChild(mark);
      } else if (part) {
        fragment.appendChild(document.createTextNode(part));
      }
    });
    return fragment;
  }

  function snippet(text, queryWords) {
    var lower = text.toLowerCase();
    var at = -1;
    for (var i = 0; i < queryWords.length && at < 0; i++) at = lower.indexOf(queryWords[i]);
    var start = Math.max(0, at - 40);
    var cut = text.slice(start, start + 140);
    return (start > 0 ? "…" : "") + cut + (start + 140 < text.length ? "…" : "");
  }

  function links() { return results.querySelectorAll("a"); }

  function select(index) {
    var all = links();
    if (all.length === 0) { selected = -1; input.removeAttribute("aria-activedescendant"); return; }
    selected = (index + all.length) % all.length;
    // aria-current, not aria-selected: these are links, and links do not take aria-selected.
    for (var i = 0; i < all.length; i++) {
      if (i === selected) all[i].setAttribute("aria-current", "true"); else all[i].removeAttribute("aria-current");
    }
    input.setAttribute("aria-activedescendant", all[selected].id);
    all[selected].scrollIntoView({ block: "nearest" });
  }

  function render(query) {
    results.textContent = "";
    selected = -1;
    input.removeAttribute("aria-activedescendant");
    var q = normalise(query);
    if (!q) { status.textContent = ""; return; }
    var found = search(query);
    var qw = words(q);
    status.textContent = found.length === 0 ? "No results" : found.length === 1 ? "1 result" : found.length + " results";
    // Grouped by page, pages in the order of their best result.
    var groups = [];
    var byPage = {};
    found.forEach(function (hit) {
      var page = hit.entry.doc.page;
      if (!byPage[page]) { byPage[page] = []; groups.push(page); }
      byPage[page].push(hit);
    });
    var n = 0;
    groups.forEach(function (page) {
      var heading = document.createElement("h2");
      heading.textContent = page;
      results.appendChild(heading);
      var list = document.createElement("ul");
      byPage[page].forEach(function (hit) {
        var doc = hit.entry.doc;
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = root + doc.url;
        link.id = "search-result-" + (n++);
        link.setAttribute("data-kind", doc.kind);
        link.appendChild(highlighted(doc.title, qw));
        var small = document.createElement("span");
        small.className = "snippet";
        var category = doc.category && data.categories ? data.categories[doc.category] : null;
        if (category) {
          var label = document.createElement("span");
          label.className = "category";
          label.textContent = category + " · ";
          small.appendChild(label);
        }
        small.appendChild(highlighted(snippet(doc.text, qw), qw));
        link.appendChild(small);
        item.appendChild(link);
        list.appendChild(item);
      });
      results.appendChild(list);
    });
  }

  function keepInURL(query) {
    try {
      var url = new URL(window.location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url.toString());
    } catch (e) { /* file:// in some browsers refuses replaceState; search still works */ }
  }

  input.addEventListener("input", function () {
    render(input.value);
    keepInURL(input.value.trim());
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); select(selected + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); select(selected < 0 ? -1 : selected - 1); }
    else if (event.key === "Enter") {
      var all = links();
      if (all.length > 0) { event.preventDefault(); window.location.href = all[selected >= 0 ? selected : 0].href; }
    } else if (event.key === "Escape") {
      input.value = "";
      render("");
      keepInURL("");
    }
  });

  box.hidden = false;
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; render(initial); }
  window.AppLinksSearch = { search: function (q) { return search(q).map(function (h) { return h.entry.doc; }); } };
})();

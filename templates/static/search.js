/* briefing search: results as you type in the site header, and the search
   page (search/index.html?q=WORDS). Plain JavaScript, no dependencies.

   The index is built at build time (src/search/) and shipped as scripts,
   not JSON, so it loads from file:// and from any sub-path: the manifest
   search/index.js sets window.briefingSearchIndex, and term and document
   shards (search/t<N>.js, search/d<N>.js) register themselves in
   window.briefingSearchShards when a query needs them.

   fold(), words(), isIndexed() and stem() repeat src/search/mod.rs and
   src/search/stem.rs exactly; tests/fixtures/stems.txt holds the vectors
   both are checked against. Without JavaScript the header box is a plain
   form that opens the search page, which links to the questions index. */
(function () {
  "use strict";
  var w = typeof window !== "undefined" ? window : globalThis;

  /* ---- Text analysis (same as src/search/mod.rs) ---- */

  var STOP_WORDS = ["a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at",
    "be", "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
    "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "more", "not",
    "of", "on", "or", "our", "out", "over", "she", "so", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "to", "up", "was", "we", "were", "what",
    "when", "where", "which", "who", "will", "with", "would", "you"];
  var MAX_TOKEN = 40;
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var SPELL = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l",
    "ı": "i", "þ": "th", "ħ": "h", "ŧ": "t" };
  var SPELL_RE = /[ßæœøđðłıþħŧ]/g;
  var WORD_RE = /[\p{Alphabetic}\p{N}]+/gu;
  var stop = toSet(STOP_WORDS);

  function toSet(list) {
    var set = Object.create(null);
    for (var i = 0; i < list.length; i++) set[list[i]] = true;
    return set;
  }

  function fold(text) {
    return String(text).toLowerCase().normalize("NFD").replace(MARKS, "")
      .replace(SPELL_RE, function (c) { return SPELL[c]; });
  }

  function words(text) {
    return fold(text).match(WORD_RE) || [];
  }

  function isIndexed(word) {
    var n = Array.from(word).length;
    return (n >= 2 || /^\p{N}+$/u.test(word)) && n <= MAX_TOKEN && !stop[word];
  }

  function keys(text) {
    return words(text).filter(isIndexed).map(stem);
  }

  function analyse(text) {
    return keys(text).join(" ");
  }

  /* ---- The Porter stemmer (same as src/search/stem.rs) ---- */

  function stem(word) {
    if (word.length < 3 || !/^[a-z]+$/.test(word)) return word;
    var b = word.split("");
    var k = b.length - 1;
    var j = 0;

    function cons(i) {
      switch (b[i]) {
        case "a": case "e": case "i": case "o": case "u": return false;
        case "y": return i === 0 ? true : !cons(i - 1);
        default: return true;
      }
    }
    function m() {
      var n = 0, i = 0;
      for (;;) { if (i > j) return n; if (!cons(i)) break; i++; }
      i++;
      for (;;) {
        for (;;) { if (i > j) return n; if (cons(i)) break; i++; }
        i++; n++;
        for (;;) { if (i > j) return n; if (!cons(i)) break; i++; }
        i++;
      }
    }
    function vowelInStem() {
      for (var i = 0; i <= j; i++) if (!cons(i)) return true;
      return false;
    }
    function doubleC(x) { return x >= 1 && b[x] === b[x - 1] && cons(x); }
    function cvc(i) {
      if (i < 2 || !cons(i) || cons(i - 1) || !cons(i - 2)) return false;
      return b[i] !== "w" && b[i] !== "x" && b[i] !== "y";
    }
    function ends(s) {
      var len = s.length;
      if (len > k + 1) return false;
      if (b.slice(k + 1 - len, k + 1).join("") !== s) return false;
      j = k - len;
      return true;
    }
    function setTo(s) {
      b.length = j + 1;
      for (var i = 0; i < s.length; i++) b.push(s[i]);
      k = j + s.length;
    }
    function r(s) { if (m() > 0) setTo(s); }
    function replaceFirst(rules) {
      for (var i = 0; i < rules.length; i += 2) {
        if (ends(rules[i])) { r(rules[i + 1]); return; }
      }
    }

    // Step 1ab
    if (b[k] === "s") {
      if (ends("sses")) k -= 2;
      else if (ends("ies")) setTo("i");
      else if (b[k - 1] !== "s") k -= 1;
    }
    if (ends("eed")) {
      if (m() > 0) k -= 1;
    } else if ((ends("ed") || ends("ing")) && vowelInStem()) {
      k = j;
      if (ends("at")) setTo("ate");
      else if (ends("bl")) setTo("ble");
      else if (ends("iz")) setTo("ize");
      else if (doubleC(k)) {
        k -= 1;
        if (b[k] === "l" || b[k] === "s" || b[k] === "z") k += 1;
      } else if (m() === 1 && cvc(k)) setTo("e");
    }
    if (k > 0) {
      // Step 1c
      if (ends("y") && vowelInStem()) b[k] = "i";
      // Step 2
      switch (b[k - 1]) {
        case "a": replaceFirst(["ational", "ate", "tional", "tion"]); break;
        case "c": replaceFirst(["enci", "ence", "anci", "ance"]); break;
        case "e": replaceFirst(["izer", "ize"]); break;
        case "l": replaceFirst(["bli", "ble", "alli", "al", "entli", "ent", "eli", "e", "ousli", "ous"]); break;
        case "o": replaceFirst(["ization", "ize", "ation", "ate", "ator", "ate"]); break;
        case "s": replaceFirst(["alism", "al", "iveness", "ive", "fulness", "ful", "ousness", "ous"]); break;
        case "t": replaceFirst(["aliti", "al", "iviti", "ive", "biliti", "ble"]); break;
        case "g": replaceFirst(["logi", "log"]); break;
      }
      // Step 3
      switch (b[k]) {
        case "e": replaceFirst(["icate", "ic", "ative", "", "alize", "al"]); break;
        case "i": replaceFirst(["iciti", "ic"]); break;
        case "l": replaceFirst(["ical", "ic", "ful", ""]); break;
        case "s": replaceFirst(["ness", ""]); break;
      }
      // Step 4
      var suffixes = null;
      switch (b[k - 1]) {
        case "a": suffixes = ["al"]; break;
        case "c": suffixes = ["ance", "ence"]; break;
        case "e": suffixes = ["er"]; break;
        case "i": suffixes = ["ic"]; break;
        case "l": suffixes = ["able", "ible"]; break;
        case "n": suffixes = ["ant", "ement", "ment", "ent"]; break;
        case "o":
          if (ends("ion") && j >= 0 && (b[j] === "s" || b[j] === "t")) suffixes = [];
          else if (ends("ou")) suffixes = [];
          break;
        case "s": suffixes = ["ism"]; break;
        case "t": suffixes = ["ate", "iti"]; break;
        case "u": suffixes = ["ous"]; break;
        case "v": suffixes = ["ive"]; break;
        case "z": suffixes = ["ize"]; break;
      }
      if (suffixes !== null) {
        var found = suffixes.length === 0;
        for (var s = 0; !found && s < suffixes.length; s++) found = ends(suffixes[s]);
        if (found && m() > 1) k = j;
      }
      // Step 5
      j = k;
      if (b[k] === "e") {
        var a = m();
        if (a > 1 || (a === 1 && !cvc(k - 1))) k -= 1;
      }
      if (b[k] === "l" && doubleC(k) && m() > 1) k -= 1;
    }
    return b.slice(0, k + 1).join("");
  }

  /* ---- Loading the index ---- */

  var engine = {
    /* Prefix from the current page back to the site root ("", "../"...). */
    root: "",
    /* Loads one script; replaced by test harnesses. Script elements work
       from file:// where fetch() does not. */
    loadScript: function (src) {
      return new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.async = true;
        s.onload = function () { resolve(); };
        s.onerror = function () { reject(new Error("could not load " + src)); };
        document.head.appendChild(s);
      });
    },
    loading: Object.create(null)
  };

  function loadFile(name) {
    if (!engine.loading[name]) {
      engine.loading[name] = engine.loadScript(engine.root + "search/" + name + ".js");
      engine.loading[name].catch(function () { delete engine.loading[name]; });
    }
    return engine.loading[name];
  }

  function manifest() {
    if (w.briefingSearchIndex) return Promise.resolve(w.briefingSearchIndex);
    return loadFile("index").then(function () {
      var index = w.briefingSearchIndex;
      if (!index) throw new Error("the search index did not load");
      if (index.stop) stop = toSet(index.stop);
      return index;
    });
  }

  function shard(name) {
    var have = w.briefingSearchShards && w.briefingSearchShards[name];
    if (have) return Promise.resolve(have);
    return loadFile(name).then(function () { return w.briefingSearchShards[name]; });
  }

  /* Index of the last entry of `list` ([[first, name], ...], sorted by
     first) whose first is <= `value`. */
  function lastAtOrBefore(list, value) {
    var lo = 0, hi = list.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid][0] <= value) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  function lowerBound(sorted, value) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* ---- Searching ---- */

  var KIND_LABELS = { briefing: "Briefing", question: "Question", section: "Section",
    quote: "Quote", entity: "Who’s who", tag: "Tag" };
  var KIND_BOOST = { briefing: 1.1, question: 1.2, section: 1, quote: 0.9, entity: 1.3, tag: 1 };
  /* Prefix matches (the word being typed) count a little less than whole words. */
  var PREFIX_FACTOR = 0.7;
  var MAX_EXPANSIONS = 60;

  /* The query's terms: each indexed word with its key; the last word is
     also a prefix while it is being typed (no space after it). */
  function parseQuery(query) {
    var list = words(query);
    var typing = /[\p{Alphabetic}\p{N}]$/u.test(fold(query));
    var terms = [];
    for (var i = 0; i < list.length; i++) {
      var word = list[i];
      var last = i === list.length - 1;
      if (!isIndexed(word) && !(last && typing && word.length >= 2)) continue;
      terms.push({
        word: word,
        key: stem(word),
        exact: isIndexed(word),
        prefix: last && typing && Array.from(word).length >= 2
      });
    }
    return terms;
  }

  /* Keys a half-typed word may be on its way to, besides those it starts:
     the stems it already extends ("announceme" -> "announc"). */
  var STEM_REACH = 5;
  function stemsWithin(word) {
    var chars = Array.from(word);
    var out = [];
    for (var n = Math.max(4, chars.length - STEM_REACH); n < chars.length; n++) out.push(chars.slice(0, n).join(""));
    return out;
  }

  /* doc id -> weight for one term, and the keys that matched. */
  function postingsFor(index, term) {
    var within = term.prefix ? stemsWithin(term.word) : [];
    var lo = term.key;
    var hi = term.key;
    [term.prefix ? term.word : term.key].concat(within).forEach(function (k) {
      if (k < lo) lo = k;
      if (k > hi) hi = k;
    });
    if (term.prefix) hi = hi + "\uffff";
    var first = lastAtOrBefore(index.terms, lo);
    var last = lastAtOrBefore(index.terms, hi);
    var names = [];
    for (var i = first; i <= last; i++) names.push(index.terms[i][1]);
    return Promise.all(names.map(shard)).then(function (shards) {
      var weights = Object.create(null);
      var matched = [];
      var expansions = [];
      shards.forEach(function (sh) {
        if (!sh) return;
        var at = lowerBound(sh.t, term.key);
        if (term.exact && sh.t[at] === term.key) expansions.push({ key: term.key, p: sh.p[at], f: 1 });
        within.forEach(function (k) {
          var i = lowerBound(sh.t, k);
          if (sh.t[i] === k && k !== term.key) expansions.push({ key: k, p: sh.p[i], f: PREFIX_FACTOR });
        });
        if (term.prefix) {
          for (var p = lowerBound(sh.t, term.word); p < sh.t.length && sh.t[p].indexOf(term.word) === 0; p++) {
            if (sh.t[p] !== term.key || !term.exact) expansions.push({ key: sh.t[p], p: sh.p[p], f: PREFIX_FACTOR });
          }
        }
      });
      // The most frequent completions of a short prefix are the likely ones.
      expansions.sort(function (x, y) { return y.f - x.f || y.p.length - x.p.length; });
      expansions.slice(0, MAX_EXPANSIONS).forEach(function (e) {
        matched.push(e.key);
        var id = 0;
        for (var n = 0; n < e.p.length; n += 2) {
          id += e.p[n];
          var weight = e.p[n + 1] * e.f;
          if (!(weights[id] >= weight)) weights[id] = weight;
        }
      });
      return { weights: weights, keys: matched };
    });
  }

  /* Results for `query`, best first: at most `limit` of them, each with
     kind, title, context, url (from the root) and the highlighted title
     and snippet as [{text, mark}] segments; `total` counts all matches. */
  function search(query, limit) {
    limit = limit || 10;
    return manifest().then(function (index) {
      var terms = parseQuery(query);
      if (!terms.length) return { query: query, total: 0, results: [] };
      return Promise.all(terms.map(function (t) { return postingsFor(index, t); })).then(function (lists) {
        var k1 = 1.2;
        var scores = null;
        lists.forEach(function (list) {
          var ids = Object.keys(list.weights);
          var idf = Math.log(1 + index.count / Math.max(1, ids.length));
          var next = Object.create(null);
          ids.forEach(function (id) {
            if (scores && !(id in scores)) return;
            var wgt = list.weights[id];
            next[id] = (scores ? scores[id] : 0) + idf * (wgt * (k1 + 1)) / (wgt + k1);
          });
          scores = next;
        });
        var ranked = Object.keys(scores).map(function (id) {
          return { id: Number(id), score: scores[id] };
        });
        var keySet = Object.create(null);
        lists.forEach(function (l) { l.keys.forEach(function (key) { keySet[key] = true; }); });
        var prefixes = terms.filter(function (t) { return t.prefix; }).map(function (t) { return t.word; });
        return documents(index, ranked, limit).then(function (docs) {
          return {
            query: query,
            total: ranked.length,
            results: docs.map(function (d) {
              return result(index, d, keySet, prefixes);
            })
          };
        });
      });
    });
  }

  /* The best `limit` of `ranked`, with their documents loaded. */
  function documents(index, ranked, limit) {
    var needed = {};
    // Only the documents shown are loaded (each may need a shard); the
    // boost by kind then orders them.
    ranked.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    var head = ranked.slice(0, Math.min(ranked.length, limit));
    head.forEach(function (r) { needed[index.docs[lastAtOrBefore(index.docs, r.id)][1]] = true; });
    return Promise.all(Object.keys(needed).map(shard)).then(function () {
      var docs = head.map(function (r) {
        var sh = w.briefingSearchShards[index.docs[lastAtOrBefore(index.docs, r.id)][1]];
        var row = sh.d[r.id - sh.first];
        var kind = index.kinds[row[0]];
        return { id: r.id, score: r.score * (KIND_BOOST[kind] || 1), kind: kind,
          title: row[1], context: row[2], url: row[3], text: row[4] };
      });
      docs.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
      return docs;
    });
  }

  function matches(token, keySet, prefixes) {
    var ws = words(token);
    for (var i = 0; i < ws.length; i++) {
      if (keySet[stem(ws[i])]) return true;
      for (var p = 0; p < prefixes.length; p++) if (ws[i].indexOf(prefixes[p]) === 0) return true;
    }
    return false;
  }

  /* Splits `text` into [{text, mark}] with the matching words marked. */
  function highlight(text, keySet, prefixes) {
    var out = [];
    var at = 0;
    var re = /[\p{Alphabetic}\p{M}\p{N}]+/gu;
    var m;
    while ((m = re.exec(text))) {
      if (!matches(m[0], keySet, prefixes)) continue;
      if (m.index > at) out.push({ text: text.slice(at, m.index), mark: false });
      out.push({ text: m[0], mark: true });
      at = m.index + m[0].length;
    }
    if (at < text.length) out.push({ text: text.slice(at), mark: false });
    return out;
  }

  var SNIPPET = 180;

  /* A window of the text around its first matching word. */
  function snippet(text, keySet, prefixes) {
    if (!text) return [];
    var re = /[\p{Alphabetic}\p{M}\p{N}]+/gu;
    var m, first = -1;
    while ((m = re.exec(text))) {
      if (matches(m[0], keySet, prefixes)) { first = m.index; break; }
    }
    var start = 0;
    if (first > SNIPPET / 3) {
      start = text.lastIndexOf(" ", first - SNIPPET / 3);
      start = start < 0 ? 0 : start + 1;
    }
    var end = start + SNIPPET;
    if (end < text.length) {
      var space = text.indexOf(" ", end);
      end = space < 0 ? text.length : space;
    } else end = text.length;
    var part = highlight(text.slice(start, end), keySet, prefixes);
    if (start > 0) part.unshift({ text: "…", mark: false });
    if (end < text.length) part.push({ text: "…", mark: false });
    return part;
  }

  function result(index, d, keySet, prefixes) {
    return {
      id: d.id,
      kind: d.kind,
      kindLabel: KIND_LABELS[d.kind] || d.kind,
      title: d.title,
      context: d.context,
      url: d.url,
      titleParts: highlight(d.title, keySet, prefixes),
      snippet: snippet(d.text, keySet, prefixes)
    };
  }

  /* ---- The page: header combobox and search page ---- */

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function appendParts(parent, parts) {
    parts.forEach(function (p) {
      if (p.mark) parent.appendChild(el("mark", null, p.text));
      else parent.appendChild(document.createTextNode(p.text));
    });
    return parent;
  }

  function searchPageUrl(query) {
    return engine.root + "search/index.html?q=" + encodeURIComponent(query);
  }

  function initBox(form) {
    var input = form.querySelector("input[type=search]");
    if (!input) return;
    var listId = "site-search-listbox";
    var popup = el("div", "search-popup");
    popup.hidden = true;
    var list = el("ul", "search-options");
    list.id = listId;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Search results");
    popup.appendChild(list);
    var status = el("p", "visually-hidden");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    form.appendChild(popup);
    form.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var options = [];
    var active = -1;
    var seq = 0;
    var timer = null;

    function open(isOpen) {
      popup.hidden = !isOpen;
      input.setAttribute("aria-expanded", isOpen ? "true" : "false");
      if (!isOpen) setActive(-1);
    }
    function setActive(i) {
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = i;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        if (options[active].scrollIntoView) options[active].scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    }
    function move(step) {
      if (!options.length) return;
      var next = active + step;
      if (next < 0) next = options.length - 1;
      if (next >= options.length) next = 0;
      setActive(next);
    }
    function go(href) {
      open(false);
      w.location.href = href;
    }
    function option(href, cls) {
      var li = el("li", "search-option" + (cls ? " " + cls : ""));
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.id = listId + "-" + options.length;
      li.setAttribute("data-href", href);
      options.push(li);
      list.appendChild(li);
      return li;
    }
    function render(query, found) {
      list.textContent = "";
      options = [];
      active = -1;
      found.results.forEach(function (r) {
        var li = option(engine.root + r.url);
        var meta = el("span", "search-option-meta", r.kindLabel);
        if (r.context) meta.appendChild(document.createTextNode(" · " + r.context));
        li.appendChild(meta);
        li.appendChild(appendParts(el("span", "search-option-title"), r.titleParts));
        if (r.snippet.length) li.appendChild(appendParts(el("span", "search-option-snippet"), r.snippet));
      });
      var all = option(searchPageUrl(query), "search-option-all");
      all.textContent = found.total ? "All " + found.total + " results for “" + query.trim() + "”" : "No results for “" + query.trim() + "”: search page";
      status.textContent = found.total ? found.total + " result" + (found.total === 1 ? "" : "s") + ". Use the up and down arrows to choose one." : "No results.";
      open(true);
    }
    function run() {
      var query = input.value;
      var mine = ++seq;
      if (!query.trim()) { open(false); list.textContent = ""; options = []; status.textContent = ""; return; }
      search(query, 8).then(function (found) {
        if (mine === seq && input.value === query) render(query, found);
      }, function () {
        if (mine === seq) status.textContent = "Search is not available: its index did not load.";
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 60);
    });
    input.addEventListener("focus", function () {
      manifest().catch(function () {});
      if (input.value.trim() && popup.hidden && options.length) open(true);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        e.preventDefault();
        if (popup.hidden) { if (options.length) open(true); else run(); } else move(1);
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        if (!popup.hidden) move(-1);
      } else if (e.key === "Enter") {
        if (!popup.hidden && active >= 0) {
          e.preventDefault();
          go(options[active].getAttribute("data-href"));
        }
      } else if (e.key === "Escape") {
        if (!popup.hidden) { e.preventDefault(); open(false); }
      }
    });
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    list.addEventListener("click", function (e) {
      var li = e.target.closest ? e.target.closest("[role=option]") : null;
      if (li) go(li.getAttribute("data-href"));
    });
    form.addEventListener("focusout", function (e) {
      if (!e.relatedTarget || !form.contains(e.relatedTarget)) open(false);
    });
  }

  function initPage(form) {
    var input = form.querySelector("input[type=search]");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    if (!input || !status || !list) return;
    var query = "";
    try { query = new URLSearchParams(w.location.search).get("q") || ""; } catch (e) { query = ""; }
    input.value = query;
    var seq = 0;
    var timer = null;

    function run(q) {
      var mine = ++seq;
      if (!q.trim()) {
        list.textContent = "";
        status.textContent = "Type one or more words: results list every briefing section, question, quote, person and tag that holds them all.";
        return;
      }
      status.textContent = "Searching…";
      search(q, 50).then(function (found) {
        if (mine !== seq) return;
        list.textContent = "";
        found.results.forEach(function (r) {
          var li = el("li", "search-result search-result-" + r.kind);
          var meta = el("p", "search-result-meta");
          meta.appendChild(el("span", "search-result-kind", r.kindLabel));
          if (r.context) meta.appendChild(document.createTextNode(" · " + r.context));
          li.appendChild(meta);
          var h = el("h2", "search-result-title");
          var a = el("a");
          a.href = engine.root + r.url;
          h.appendChild(appendParts(a, r.titleParts));
          li.appendChild(h);
          if (r.snippet.length) li.appendChild(appendParts(el("p", "search-result-snippet"), r.snippet));
          list.appendChild(li);
        });
        var shown = found.results.length;
        status.textContent = found.total
          ? found.total + " result" + (found.total === 1 ? "" : "s") + " for “" + q.trim() + "”" + (shown < found.total ? ", the best " + shown + " shown" : "")
          : "No results for “" + q.trim() + "”. Try fewer or other words, or browse the questions index.";
      }, function () {
        if (mine === seq) status.textContent = "Search is not available: its index did not load.";
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        run(input.value);
        try { w.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file:// may refuse */ }
      }, 120);
    });
    run(query);
  }

  function init() {
    var box = document.querySelector("form[data-search-root]");
    if (box) engine.root = box.getAttribute("data-search-root") || "";
    if (box) initBox(box);
    var page = document.querySelector("form[data-search-page]");
    if (page) initPage(page);
  }

  w.briefingSearch = {
    STOP_WORDS: STOP_WORDS,
    fold: fold,
    words: words,
    isIndexed: isIndexed,
    stem: stem,
    keys: keys,
    analyse: analyse,
    search: search,
    engine: engine
  };

  if (typeof document !== "undefined" && document.querySelector) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }
})();

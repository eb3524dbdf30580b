/* briefing search: results as you type in the site header, and the search
   page (search/index.html?q=WORDS). Plain JavaScript, no dependencies.

   The index is built at build time (src/search/) and shipped as scripts,
   not JSON, so it loads from file:// and from any sub-path: the manifest
   search/index.js sets window.briefingSearchIndex, and term and document
   shards (search/t<N>.js, search/d<N>.js) register themselves in
   window.briefingSearchShards when a query needs them.

   Results are grouped per briefing (the manifest says where each
   briefing's documents start), headings that are the query rank first,
   "quoted words" are phrases, an unknown word of 5+ letters is taken for
   the keys one edit away with a "did you mean", and the search page
   filters by tag, date and kind from its address (search/m.js).

   fold(), words(), isIndexed(), keys() (with acronyms) and stem() repeat
   src/search/mod.rs and src/search/stem.rs exactly; tests/fixtures/stems.txt holds the vectors
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
      // Shards are named by their number: the manifest lists each term
      // shard's first key and each document shard's first document (as
      // differences); made into [first, name] pairs here.
      if (index.terms.length && typeof index.terms[0] === "string") {
        index.terms = index.terms.map(function (first, i) { return [first, "t" + i]; });
      }
      if (index.docs.length && typeof index.docs[0] === "number") {
        var at = 0;
        index.docs = index.docs.map(function (d, i) { at += d; return [at, "d" + i]; });
      }
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
  /* A word one edit away counts for much less: it only stands in for a
     word the index does not have, so it never outranks an exact match. */
  var TYPO_FACTOR = 0.3;
  var TYPO_MIN = 5;
  var MAX_EXPANSIONS = 60;
  /* Bad input stays cheap: only so much of a query is read, and only so
     many words are looked up (each may load a shard). */
  var MAX_QUERY = 256;
  var MAX_TERMS = 8;
  /* A heading that is the query (its words in order, stop words and all)
     and one that holds every word of it rank first. */
  var HEADING_EXACT = 3;
  var HEADING_ALL = 1.5;
  /* Filters the search page reads from its address (?q=...&tag=...). */
  var KIND_FILTERS = { briefing: "b", question: "q", quote: "u", person: "p" };

  function isAcronym(piece) {
    return /^[A-Z]{2,4}$/.test(piece) && !!stop[piece.toLowerCase()];
  }

  /* The runs of a text between separators (as scan_words cuts them in
     src/search/mod.rs): ASCII punctuation and spaces, and the typographic
     punctuation listed there. */
  var SEPARATORS = /[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\u00a0\u00ab\u00bb\u2010-\u2015\u2018-\u201f\u2022\u2026\u2028\u2029\u202f]+/;

  /* Each word of `text` as [folded word, acronym or null], in order. */
  function pieces(text) {
    text = String(text);
    var out = [];
    if (text.indexOf("Σ") >= 0) {
      words(text).forEach(function (w) { out.push([w, null]); });
      return out;
    }
    text.split(SEPARATORS).forEach(function (piece) {
      if (!piece) return;
      if (isAcronym(piece)) out.push([piece.toLowerCase(), piece]);
      else words(piece).forEach(function (w) { out.push([w, null]); });
    });
    return out;
  }

  function keys(text) {
    var out = [];
    pieces(text).forEach(function (p) {
      if (p[1]) out.push(p[1]);
      else if (isIndexed(p[0])) out.push(stem(p[0]));
    });
    return out;
  }

  /* The query: its terms (each indexed word with its key; acronyms as
     typed; the last word also a prefix while it is being typed), its
     phrases in double quotes (stemmed word sequences), and whether it had
     words but only common ones. */
  function parseQuery(query, index) {
    var q = String(query).slice(0, MAX_QUERY);
    var phrases = [];
    q.replace(/["“”„]([^"“”„]*)["“”„]?/g, function (all, inner) {
      var seq = words(inner).map(stem);
      if (seq.length > 1) phrases.push(seq);
      return all;
    });
    var list = pieces(q.replace(/["“”„]/g, " "));
    var typing = /[\p{Alphabetic}\p{N}]$/u.test(q);
    var terms = [];
    var seen = Object.create(null);
    var common = [];
    for (var i = 0; i < list.length && terms.length < MAX_TERMS; i++) {
      var word = list[i][0];
      var acronym = list[i][1];
      var last = i === list.length - 1;
      var prefix = last && typing && !acronym && Array.from(word).length >= 2;
      if (!acronym && stop[word]) common.push(word);
      if (!acronym && !isIndexed(word) && !prefix) continue;
      var key = acronym || stem(word);
      if (seen[key + (prefix ? "*" : "")]) continue;
      seen[key + (prefix ? "*" : "")] = true;
      terms.push({ word: word, key: key, exact: !!acronym || isIndexed(word), prefix: prefix, acronym: !!acronym });
    }
    var onlyCommon = common.length > 0 && terms.every(function (t) { return !t.exact && stop[t.word]; });
    if (onlyCommon) terms = [];
    if (!terms.length && index && index.acronyms) {
      // Only common words: one that is an editor's acronym ("who" for the
      // WHO of an entity's other spellings) is looked up as that.
      common.forEach(function (word) {
        var up = word.toUpperCase();
        if (index.acronyms.indexOf(up) >= 0 && !seen[up]) {
          seen[up] = true;
          terms.push({ word: word, key: up, exact: true, prefix: false, acronym: true });
        }
      });
    }
    return { terms: terms, phrases: phrases, common: onlyCommon && !terms.length };
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

  /* Whether a and b are at most one edit apart (insert, delete, replace,
     or two neighbours swapped). */
  function oneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* The postings of key `i` of a term shard as a flat list of (document
     id delta, weight) pairs, decoded from five-bit digits (see DIGITS in
     src/search/index.rs) once and kept. */
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT_VALUE = Object.create(null);
  for (var d = 0; d < DIGITS.length; d++) DIGIT_VALUE[DIGITS.charAt(d)] = d;
  function plist(sh, i) {
    var p = sh.p[i];
    if (typeof p !== "string") return p || [];
    var out = [];
    var n = 0, shift = 0;
    for (var c = 0; c < p.length; c++) {
      var v = DIGIT_VALUE[p.charAt(c)];
      n += (v & 31) * Math.pow(2, shift);
      if (v & 32) shift += 5;
      else { out.push(n); n = 0; shift = 0; }
    }
    sh.p[i] = out;
    return out;
  }

  /* doc id -> weight for one term, the keys that matched, and the key a
     misspelt word was taken for (null when it was found as typed). */
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
      var expansions = [];
      shards.forEach(function (sh) {
        if (!sh) return;
        var at = lowerBound(sh.t, term.key);
        if (term.exact && sh.t[at] === term.key) expansions.push({ key: term.key, p: plist(sh, at), f: 1 });
        within.forEach(function (k) {
          var i = lowerBound(sh.t, k);
          if (sh.t[i] === k && k !== term.key) expansions.push({ key: k, p: plist(sh, i), f: PREFIX_FACTOR });
        });
        if (term.prefix) {
          for (var p = lowerBound(sh.t, term.word); p < sh.t.length && sh.t[p].indexOf(term.word) === 0; p++) {
            if (sh.t[p] !== term.key || !term.exact) expansions.push({ key: sh.t[p], p: plist(sh, p), f: PREFIX_FACTOR });
          }
        }
      });
      if (expansions.length || term.acronym || Array.from(term.word).length < TYPO_MIN) {
        return collect(expansions, null);
      }
      // Not in the index as typed: the keys one edit away in the shards
      // around where the word would be (its own and one either side).
      var around = [];
      if (first > 0) around.push(index.terms[first - 1][1]);
      if (last + 1 < index.terms.length) around.push(index.terms[last + 1][1]);
      return Promise.all(around.map(shard)).then(function (more) {
        shards.concat(more).forEach(function (sh) {
          if (!sh) return;
          for (var t = 0; t < sh.t.length; t++) {
            var k = sh.t[t];
            if (Math.abs(k.length - term.key.length) <= 1 && k.length >= 3 && (oneEdit(k, term.key) || oneEdit(k, term.word))) {
              expansions.push({ key: k, p: plist(sh, t), f: TYPO_FACTOR });
            }
          }
        });
        expansions.sort(function (x, y) { return y.p.length - x.p.length || (x.key < y.key ? -1 : 1); });
        return collect(expansions, expansions.length ? expansions[0].key : null);
      });
    });
  }

  /* The weights and keys of a term's expansions (see postingsFor). */
  function collect(expansions, typo) {
    var weights = Object.create(null);
    var matched = [];
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
    return { weights: weights, keys: matched, typo: typo };
  }

  /* The first document of each briefing (absolute ids), from the
     manifest's differences. */
  function groupStarts(index) {
    if (index.groupStarts) return index.groupStarts;
    var starts = [];
    var at = 0;
    (index.groups || []).forEach(function (d) { at += d; starts.push(at); });
    index.groupStarts = starts;
    return starts;
  }

  /* The number of the briefing document `id` belongs to, or -1 for the
     site's own documents (entities and tags). */
  function groupOf(index, id) {
    var starts = groupStarts(index);
    var rest = index.rest === undefined ? index.count : index.rest;
    if (id >= rest || !starts.length || id < starts[0]) return -1;
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= id) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /* The filters of a search: {tag, from, to (YYYY-MM-DD), kind, sort}. */
  function filtersFrom(params) {
    var get = function (name) { var v = params && params.get ? params.get(name) : params && params[name]; return v ? String(v).slice(0, 100) : ""; };
    var f = { tag: get("tag"), from: get("from"), to: get("to"), kind: get("kind"), sort: get("sort") === "date" ? "date" : "" };
    if (!KIND_FILTERS[f.kind]) f.kind = "";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.from)) f.from = "";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.to)) f.to = "";
    return f;
  }

  function anyFilter(f) {
    return !!(f && (f.tag || f.from || f.to || f.kind || f.sort));
  }

  function dayOf(iso) {
    return Math.floor(Date.parse(iso + "T00:00:00Z") / 864e5);
  }

  /* search/m.js, when a filter or the sort needs it. */
  function meta(f) {
    return anyFilter(f) ? shard("m") : Promise.resolve(null);
  }

  /* Whether document `id` passes the filters. */
  function passes(index, m, f, id) {
    if (!m) return true;
    var letter = m.k.charAt(id);
    if (f.kind && KIND_FILTERS[f.kind] !== letter && !(f.kind === "briefing" && groupOf(index, id) >= 0)) return false;
    var g = groupOf(index, id);
    if (f.tag) {
      if (g < 0) return false;
      var tag = null;
      for (var i = 0; i < m.t.length; i++) if (m.t[i][0] === f.tag) tag = m.t[i];
      if (!tag || tag[2].indexOf(g) < 0) return false;
    }
    if (f.from || f.to) {
      var day = g < 0 ? null : m.d[g];
      if (day === null || day === undefined) return false;
      if (f.from && day < dayOf(f.from)) return false;
      if (f.to && day > dayOf(f.to)) return false;
    }
    return true;
  }

  /* Results for `query`, best first: at most `limit` groups (a briefing
     with its matching sections, questions and quotes as `subs`; a person,
     place or tag alone), each with kind, title, context, url (from the
     root) and the highlighted title and snippet as [{text, mark}]
     segments; `total` counts the groups that match, `suggestion` is the
     query as the index spells it when a word was not found as typed. */
  function search(query, limit, filters) {
    limit = limit || 10;
    var f = filtersFrom(filters);
    return manifest().then(function (index) {
      var parsed = parseQuery(query, index);
      var terms = parsed.terms;
      var none = { query: query, total: 0, results: [], common: parsed.common, suggestion: null };
      if (!terms.length && !anyFilter(f)) return none;
      return Promise.all([meta(f)].concat(terms.map(function (t) { return postingsFor(index, t); }))).then(function (got) {
        var m = got[0];
        var lists = got.slice(1);
        var scores = null;
        var k1 = 1.2;
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
        if (!terms.length) {
          // Filters alone: every briefing that passes them.
          scores = Object.create(null);
          groupStarts(index).forEach(function (id) { scores[id] = 1; });
        }
        var ranked = [];
        Object.keys(scores).forEach(function (id) {
          id = Number(id);
          if (passes(index, m, f, id)) ranked.push({ id: id, score: scores[id] });
        });
        var keySet = Object.create(null);
        lists.forEach(function (l) { l.keys.forEach(function (key) { keySet[key] = true; }); });
        var prefixes = terms.filter(function (t) { return t.prefix; }).map(function (t) { return t.word; });
        var typos = lists.map(function (l) { return l.typo; });
        var suggestion = null;
        if (typos.some(function (t) { return t; })) {
          suggestion = terms.map(function (t, i) { return typos[i] || t.word; });
        }
        var ctx = { index: index, m: m, f: f, keySet: keySet, prefixes: prefixes, phrases: parsed.phrases,
          query: query, terms: terms, grouped: !f.kind || f.kind === "briefing" };
        return rank(ctx, ranked, limit).then(function (out) {
          if (suggestion) out.suggestion = spellSuggestion(out.results, suggestion, typos);
          out.query = query;
          out.common = false;
          return out;
        });
      });
    });
  }

  /* The words a suggestion shows: for a corrected key, the first word of
     the results whose key it is ("thornburi" is shown as "Thornbury"). */
  function spellSuggestion(results, words, typos) {
    var texts = [];
    results.forEach(function (r) {
      texts.push(r.title, r.text || "");
      (r.subs || []).forEach(function (s) { texts.push(s.title, s.text || ""); });
    });
    return words.map(function (word, i) {
      if (!typos[i]) return word;
      for (var t = 0; t < texts.length; t++) {
        var found = String(texts[t]).match(/[\p{Alphabetic}\p{M}\p{N}]+/gu) || [];
        for (var j = 0; j < found.length; j++) {
          var ks = keys(found[j]);
          if (ks.length === 1 && ks[0] === typos[i]) return found[j];
        }
      }
      return word;
    }).join(" ");
  }

  /* A document shard's rows expanded in place, once: a row's context `0`
     is the row before's, a url "" or "#fragment" follows the row before's
     page, a url [literal] is that url (see shorten_row in
     src/search/index.rs). */
  function expand(sh) {
    if (sh.expanded) return;
    sh.expanded = true;
    var context = null, page = "";
    sh.d.forEach(function (row) {
      if (row[2] === 0) row[2] = context; else context = row[2];
      var url = row[3];
      if (Array.isArray(url)) url = url[0];
      else if (url === "" || url.charAt(0) === "#") url = page + url;
      row[3] = url;
      var hash = url.indexOf("#");
      page = hash < 0 ? url : url.slice(0, hash);
    });
  }

  /* The documents of `ids`, loaded: id -> {id, kind, title, context, url, text}. */
  function load(index, ids) {
    var needed = Object.create(null);
    ids.forEach(function (id) { needed[index.docs[lastAtOrBefore(index.docs, id)][1]] = true; });
    return Promise.all(Object.keys(needed).map(shard)).then(function () {
      var out = Object.create(null);
      ids.forEach(function (id) {
        var sh = w.briefingSearchShards[index.docs[lastAtOrBefore(index.docs, id)][1]];
        if (sh) expand(sh);
        var row = sh && sh.d[id - sh.first];
        if (!row) return;
        out[id] = { id: id, kind: index.kinds[row[0]], title: row[1], context: row[2], url: row[3], text: row[4],
          names: row[5] ? String(row[5]).split(", ") : [] };
      });
      return out;
    });
  }

  /* A document's words, stemmed, stop words kept: what phrases and
     headings are compared on. */
  function sequence(text) {
    return words(text).map(stem);
  }

  function containsRun(seq, run) {
    outer: for (var i = 0; i + run.length <= seq.length; i++) {
      for (var j = 0; j < run.length; j++) if (seq[i + j] !== run[j]) continue outer;
      return true;
    }
    return false;
  }

  function hasPhrases(ctx, doc) {
    if (!ctx.phrases.length) return true;
    var seq = sequence(doc.title + " . " + doc.text);
    return ctx.phrases.every(function (p) { return containsRun(seq, p); });
  }

  /* The boost of a document for its title against the query. */
  function headingBoost(ctx, doc) {
    if (!ctx.terms.length) return 1;
    var query = sequence(String(ctx.query).slice(0, MAX_QUERY)).join(" ");
    // An entity's other names count as its title ("ACD", "WHO").
    var titles = [doc.title].concat(doc.names || []);
    for (var n = 0; n < titles.length; n++) {
      var title = sequence(titles[n]).join(" ");
      if (title && title === query) return HEADING_EXACT;
    }
    var titleKeys = toSet(keys(doc.title));
    var all = ctx.terms.every(function (t) {
      if (titleKeys[t.key]) return true;
      if (!t.prefix) return false;
      return Object.keys(titleKeys).some(function (k) { return k.indexOf(t.word) === 0; });
    });
    return all ? HEADING_ALL : 1;
  }

  /* Groups the ranked documents per briefing, loads the best groups
     (batch after batch while phrases drop some), orders them and their
     sub-results, and collapses quotes by one speaker. */
  var BATCH = 3;
  var SITE_EXTRAS = 2;
  function rank(ctx, ranked, limit) {
    var index = ctx.index;
    ranked.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    var groups = [];
    var byKey = Object.create(null);
    ranked.forEach(function (r) {
      var g = ctx.grouped ? groupOf(index, r.id) : -1;
      var key = g >= 0 ? "g" + g : "d" + r.id;
      var group = byKey[key];
      if (!group) {
        group = byKey[key] = { head: g >= 0 ? groupStarts(index)[g] : r.id, g: g, score: 0, members: [] };
        groups.push(group);
      }
      group.members.push(r);
      // The best member, and a little for each other one.
      group.score = group.score ? group.score + 0.1 * r.score : r.score;
    });
    groups.sort(function (a, b) { return b.score - a.score || a.head - b.head; });
    if (ctx.f.sort === "date" && ctx.m) {
      var date = function (g) { var d = g.g >= 0 ? ctx.m.d[g.g] : null; return d === null || d === undefined ? -Infinity : d; };
      groups = groups.map(function (g, i) { return { g: g, i: i }; })
        .sort(function (a, b) { return date(b.g) - date(a.g) || a.i - b.i; })
        .map(function (x) { return x.g; });
    }
    // A person, organisation or place named by the query may rank low
    // before its page's title is seen (a briefing says the name more
    // often): the best few are loaded with the first batch, and the
    // heading boost then places them.
    var extras = 0;
    if (ctx.f.sort !== "date" && ctx.terms.length) {
      var site = [];
      for (var i = limit; i < groups.length && site.length < SITE_EXTRAS; i++) if (groups[i].g < 0) site.push(i);
      for (var s = site.length - 1; s >= 0; s--) groups.splice(limit, 0, groups.splice(site[s] + (site.length - 1 - s), 1)[0]);
      extras = site.length;
    }
    var kept = [];
    var checked = 0;
    function batch(round) {
      var want = limit - kept.length + (round === 1 ? extras : 0);
      var next = groups.slice(checked, checked + Math.max(want, 1));
      checked += next.length;
      var ids = [];
      next.forEach(function (g) {
        ids.push(g.head);
        g.members.slice(0, 12).forEach(function (r) { if (r.id !== g.head) ids.push(r.id); });
      });
      return load(index, ids).then(function (docs) {
        next.forEach(function (g) {
          var members = g.members.slice(0, 12).map(function (r) {
            var d = docs[r.id];
            return d && hasPhrases(ctx, d) ? { doc: d, score: r.score * (KIND_BOOST[d.kind] || 1) * headingBoost(ctx, d) } : null;
          }).filter(function (x) { return x; });
          if (!members.length) return;
          members.sort(function (a, b) { return b.score - a.score || a.doc.id - b.doc.id; });
          g.best = members[0].score;
          g.headDoc = docs[g.head];
          g.loaded = members;
          kept.push(g);
        });
        if (kept.length < limit && checked < groups.length && round < BATCH) return batch(round + 1);
        return null;
      });
    }
    return batch(1).then(function () {
      if (ctx.f.sort !== "date") kept.sort(function (a, b) { return b.best - a.best || a.head - b.head; });
      var results = collapseQuotes(kept.map(function (g) { return groupResult(ctx, g); }));
      var collapsed = kept.length - results.length;
      results = results.slice(0, limit);
      var exhausted = checked >= groups.length;
      var total = (ctx.phrases.length ? kept.length : groups.length) - collapsed;
      return { total: total, more: ctx.phrases.length > 0 && !exhausted, matches: ranked.length, results: results };
    });
  }

  /* Quotes shown on their own (a kind filter) by one speaker become one
     result, the others its sub-results. */
  function collapseQuotes(results) {
    var speakers = Object.create(null);
    return results.filter(function (r) {
      if (r.kind !== "quote") return true;
      var first = speakers[r.title];
      if (!first) {
        speakers[r.title] = r;
        r.count = 1;
        return true;
      }
      first.count += 1;
      first.kindLabel = first.count + " quotes";
      first.subs.push(r);
      return false;
    });
  }

  function groupResult(ctx, g) {
    var head = g.headDoc || g.loaded[0].doc;
    var out = result(ctx, head);
    var subs = [];
    var speakers = Object.create(null);
    g.loaded.forEach(function (m) {
      var d = m.doc;
      if (d.id === head.id) return;
      if (d.kind === "quote") {
        var same = speakers[d.title];
        if (same) {
          same.count += 1;
          same.kindLabel = same.count + " quotes";
          return;
        }
        var q = result(ctx, d);
        q.count = 1;
        speakers[d.title] = q;
        subs.push(q);
        return;
      }
      subs.push(result(ctx, d));
    });
    out.subs = subs;
    return out;
  }

  function matches(token, keySet, prefixes) {
    if (isAcronym(token)) return !!keySet[token];
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

  function result(ctx, d) {
    return {
      id: d.id,
      kind: d.kind,
      kindLabel: KIND_LABELS[d.kind] || d.kind,
      title: d.title,
      context: d.context,
      url: d.url,
      text: d.text,
      titleParts: highlight(d.title, ctx.keySet, ctx.prefixes),
      snippet: snippet(d.text, ctx.keySet, ctx.prefixes)
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

  /* Sub-results shown under a briefing in the header box. */
  var BOX_SUBS = 2;

  function boxOption(li, r) {
    var meta = el("span", "search-option-meta", r.kindLabel);
    if (r.context && !/search-option-sub/.test(li.className)) meta.appendChild(document.createTextNode(" · " + r.context));
    li.appendChild(meta);
    li.appendChild(appendParts(el("span", "search-option-title"), r.titleParts));
    if (r.snippet.length) li.appendChild(appendParts(el("span", "search-option-snippet"), r.snippet));
  }

  /* What a search that found nothing says. */
  function noResults(found, shown) {
    if (found.common) return "No results: “" + shown + "” has only common words; add a more telling one";
    return "No results for “" + shown + "”";
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
      var shown = query.trim().slice(0, 80);
      found.results.forEach(function (r) {
        boxOption(option(engine.root + r.url), r);
        r.subs.slice(0, BOX_SUBS).forEach(function (sub) {
          boxOption(option(engine.root + sub.url, "search-option-sub"), sub);
        });
      });
      if (found.suggestion) {
        var mean = option(searchPageUrl(found.suggestion), "search-option-all");
        mean.textContent = "Did you mean “" + found.suggestion + "”?";
      }
      var all = option(searchPageUrl(query), "search-option-all");
      all.textContent = found.total ? "All " + found.total + " results for “" + shown + "”" : noResults(found, shown) + ": search page";
      status.textContent = found.total ? found.total + " result" + (found.total === 1 ? "" : "s") + ". Use the up and down arrows to choose one." : noResults(found, shown) + ".";
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
    var params;
    try { params = new URLSearchParams(w.location.search); } catch (e) { params = null; }
    var query = (params && params.get("q")) || "";
    input.value = query;
    var controls = {};
    ["tag", "from", "to", "kind", "sort"].forEach(function (name) {
      controls[name] = form.querySelector("[name=" + name + "]");
    });
    var f = filtersFrom(params);
    Object.keys(controls).forEach(function (name) {
      if (controls[name] && f[name]) controls[name].value = f[name];
    });
    var seq = 0;
    var timer = null;

    // Tags to choose from, once the index is there (only a filter loads m.js).
    var tagSelect = controls.tag;
    if (tagSelect) {
      tagSelect.addEventListener("focus", fillTags, { once: true });
      if (f.tag) fillTags();
    }
    function fillTags() {
      manifest().then(function () { return shard("m"); }).then(function (m) {
        if (!m) return;
        var current = tagSelect.value || f.tag;
        m.t.forEach(function (t) {
          if (tagSelect.querySelector("option[value='" + t[0].replace(/['\\]/g, "") + "']")) return;
          var o = el("option", null, t[1] + " (" + t[2].length + ")");
          o.value = t[0];
          tagSelect.appendChild(o);
        });
        tagSelect.value = current;
      }, function () {});
    }

    function current() {
      var out = { q: input.value };
      Object.keys(controls).forEach(function (name) { if (controls[name]) out[name] = controls[name].value; });
      return out;
    }

    function address(state) {
      var parts = [];
      Object.keys(state).forEach(function (name) {
        if (state[name]) parts.push(name + "=" + encodeURIComponent(state[name]));
      });
      return "?" + parts.join("&");
    }

    function item(r, cls) {
      var li = el("li", cls + " search-result-" + r.kind);
      var meta = el("p", "search-result-meta");
      meta.appendChild(el("span", "search-result-kind", r.kindLabel));
      if (r.context && cls === "search-result") meta.appendChild(document.createTextNode(" · " + r.context));
      li.appendChild(meta);
      var h = el(cls === "search-result" ? "h2" : "h3", "search-result-title");
      var a = el("a");
      a.href = engine.root + r.url;
      h.appendChild(appendParts(a, r.titleParts));
      li.appendChild(h);
      if (r.snippet.length) li.appendChild(appendParts(el("p", "search-result-snippet"), r.snippet));
      return li;
    }

    function run(state) {
      var mine = ++seq;
      var q = state.q || "";
      var filtered = anyFilter(filtersFrom(state));
      if (!q.trim() && !filtered) {
        list.textContent = "";
        status.textContent = "Type one or more words: results list every briefing, with its matching questions, sections and quotes, and every person and tag that holds them all. Put words in double quotes to find them side by side.";
        return;
      }
      status.textContent = "Searching…";
      search(q, 50, state).then(function (found) {
        if (mine !== seq) return;
        list.textContent = "";
        found.results.forEach(function (r) {
          var li = item(r, "search-result");
          if (r.subs.length) {
            var subs = el("ul", "search-subs");
            r.subs.forEach(function (sub) { subs.appendChild(item(sub, "search-sub")); });
            li.appendChild(subs);
          }
          list.appendChild(li);
        });
        var shown = found.results.length;
        var words = q.trim().slice(0, 80);
        var about = words ? " for “" + words + "”" : " for these filters";
        var text = found.total
          ? found.total + (found.more ? "+" : "") + " result" + (found.total === 1 ? "" : "s") + about + (shown < found.total ? ", the best " + shown + " shown" : "")
          : (words ? noResults(found, words) : "No results for these filters") + ". Try fewer or other words, or browse the questions index.";
        status.textContent = text;
        if (found.suggestion) {
          status.textContent = "";
          status.appendChild(document.createTextNode(text + " Did you mean "));
          var a = el("a", "search-suggestion", "“" + found.suggestion + "”");
          var next = current();
          next.q = found.suggestion;
          a.href = address(next);
          status.appendChild(a);
          status.appendChild(document.createTextNode("?"));
        }
      }, function () {
        if (mine === seq) status.textContent = "Search is not available: its index did not load.";
      });
    }

    function changed() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var state = current();
        run(state);
        try { w.history.replaceState(null, "", address(state)); } catch (e) { /* file:// may refuse */ }
      }, 120);
    }
    input.addEventListener("input", changed);
    Object.keys(controls).forEach(function (name) {
      if (controls[name]) controls[name].addEventListener("change", changed);
    });
    var initial = { q: query };
    Object.keys(f).forEach(function (name) { if (f[name]) initial[name] = f[name]; });
    run(initial);
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
    parseQuery: parseQuery,
    engine: engine
  };

  if (typeof document !== "undefined" && document.querySelector) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }
})();

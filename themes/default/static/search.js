// dossier's search: finds notes and sources in the index under search/ with no server.
// The index's format is in docs/format.md ("Search"). A query's words are cut and folded
// as src/words.rs does it for the index (letters and digits; lower case letter by letter;
// ё as е): change both together. Every word of the query must be found, as a word or the
// start of one; title and alias matches come first.
(function () {
  "use strict";
  var form = document.querySelector("form.search-form");
  if (!form || !document.getElementById("search-more")) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var base = form.getAttribute("data-index");
  // The interface's words, in the dossier's language: each string in its plural forms by
  // CLDR category, chosen with the browser's rules for the language.
  var WORDS = JSON.parse(form.getAttribute("data-strings") || "{}");
  var plural = new Intl.PluralRules(form.getAttribute("data-strings-lang") || "en");
  // The language of the notes' own words, where it is not the interface's.
  var contentLang = form.getAttribute("data-content-lang");
  function t(key, values) {
    var forms = WORDS[key] || {};
    var n = values && values.n;
    var text = (n !== undefined && forms[plural.select(n)]) || forms.other || key;
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  }
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  // Results per page: each needs its document's chunk, so a page costs at most this many.
  var PAGE = 20;
  // Points per field a word is found in (title, alias, summary, text), best first, and for
  // the whole word rather than its start: «Путин» ranks the note whose alias is «Путин»
  // above the one whose title has «Путиным».
  var FIELDS = [[8, 100], [4, 90], [2, 20], [1, 10]];
  var WHOLE_WORD = 20;
  var TITLE_OR_ALIAS = 8 | 4;
  var files = new Map();
  var asked = 0;

  function fold(word) {
    return Array.from(word, function (c) { return c.toLowerCase(); }).join("").replace(/ё/g, "е");
  }

  // The Latin key of a Russian or Ukrainian word, letter by letter: the romanisation of
  // src/slug.rs (`cyrillic`), from which the index's keys come (a test in src/words.rs
  // compares the two). A Cyrillic query word also finds the notes written in Latin letters:
  // «Путин» finds "Putin".
  var LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ь": "", "ы": "y", "э": "e", "ю": "yu",
    "я": "ya", "є": "ye", "і": "i", "ї": "yi", "ґ": "g"
  };

  function latinKey(word) {
    var out = "";
    for (var c of word) {
      var t = LATIN[c];
      if (t === undefined) return null;
      out += t;
    }
    return out.length >= 2 ? out : null;
  }

  function queryWords(q) {
    var seen = new Set();
    (q.match(WORD) || []).forEach(function (w) {
      w = fold(w);
      if (Array.from(w).length >= 2) seen.add(w);
    });
    return Array.from(seen);
  }

  function load(name) {
    if (!files.has(name)) {
      files.set(name, fetch(base + name + ".json").then(function (r) {
        if (!r.ok) throw new Error(name + ".json: " + r.status);
        return r.json();
      }));
    }
    return files.get(name);
  }

  function hex(s) {
    return Array.from(new TextEncoder().encode(s), function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
  }

  // The shards a word's matches can be in: the one of its longest listed prefix, and those
  // of the listed prefixes that start with it.
  function shardsFor(word, prefixes) {
    var home = null;
    var out = [];
    prefixes.forEach(function (p) {
      if (word.startsWith(p)) {
        if (home === null || p.length > home.length) home = p;
      } else if (p.startsWith(word)) {
        out.push(p);
      }
    });
    if (home !== null) out.push(home);
    return out.map(function (p) { return p ? "t-" + hex(p) : "t"; });
  }

  // A word's points in a document: by the best field it is in, less the length of the
  // shortest title or alias it is in (the number's high four bits), so short names first.
  function points(fields) {
    for (var i = 0; i < FIELDS.length; i++) {
      if (fields & FIELDS[i][0]) return FIELDS[i][1] - (fields >> 4);
    }
    return 0;
  }

  // Each document the word finds, with its points and the fields it is found in.
  function findWord(word, manifest) {
    return Promise.all(shardsFor(word, manifest.shards).map(load)).then(function (shards) {
      var hits = new Map();
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (term) {
          if (!term.startsWith(word)) return;
          var postings = shard[term];
          var doc = 0;
          for (var i = 0; i < postings.length; i += 2) {
            doc += postings[i];
            var fields = postings[i + 1];
            var score = points(fields) + (term === word ? WHOLE_WORD : 0);
            var hit = hits.get(doc);
            if (!hit) hits.set(doc, { score: score, fields: fields & 15 });
            else {
              hit.score = Math.max(hit.score, score);
              hit.fields |= fields & 15;
            }
          }
        });
      });
      return hits;
    });
  }

  function search(q) {
    var words = queryWords(q);
    if (!words.length) return Promise.resolve(null);
    return load("index").then(function (manifest) {
      return Promise.all(words.map(function (w) {
        var key = latinKey(w);
        if (key === null) return findWord(w, manifest);
        // The word or its key: the best of both for each document.
        return Promise.all([findWord(w, manifest), findWord(key, manifest)]).then(function (both) {
          both[1].forEach(function (hit, doc) {
            var mine = both[0].get(doc);
            if (!mine) both[0].set(doc, hit);
            else {
              mine.score = Math.max(mine.score, hit.score);
              mine.fields |= hit.fields;
            }
          });
          return both[0];
        });
      }))
        .then(function (perWord) {
          var results = [];
          perWord[0].forEach(function (first, doc) {
            var score = 0;
            var named = true;
            for (var i = 0; i < perWord.length; i++) {
              var hit = perWord[i].get(doc);
              if (!hit) return;
              score += hit.score;
              if (!(hit.fields & TITLE_OR_ALIAS)) named = false;
            }
            results.push({ doc: doc, score: score, named: named });
          });
          results.sort(function (a, b) {
            return (b.named - a.named) || (b.score - a.score) || (a.doc - b.doc);
          });
          return { results: results, chunk: manifest.chunk };
        });
    });
  }

  // The rows ([url, title, kind, summary]) of some results, from their chunks.
  function rows(found, from, to) {
    var docs = found.results.slice(from, to).map(function (r) { return r.doc; });
    var chunks = Array.from(new Set(docs.map(function (d) { return Math.floor(d / found.chunk); })));
    return Promise.all(chunks.map(function (c) { return load("d" + c); })).then(function (got) {
      var byChunk = new Map();
      chunks.forEach(function (c, i) { byChunk.set(c, got[i]); });
      return docs.map(function (d) { return byChunk.get(Math.floor(d / found.chunk))[d % found.chunk]; });
    });
  }

  function item(row) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = row[0];
    a.textContent = row[1];
    if (contentLang) a.lang = contentLang;
    var kind = document.createElement("span");
    kind.className = "kind-label";
    kind.textContent = WORDS["kind." + row[2]] ? t("kind." + row[2]) : row[2];
    li.append(a, " ", kind);
    if (row[3]) {
      var p = document.createElement("p");
      p.textContent = row[3];
      if (contentLang) p.lang = contentLang;
      li.append(p);
    }
    return li;
  }

  function say(q, found, shown) {
    var quoted = "«" + q.trim() + "»";
    var total = found.results.length;
    if (!total) status.textContent = t("search.nothing", { query: quoted });
    else if (total > shown) status.textContent = t("search.first", { n: total, query: quoted, shown: shown });
    else status.textContent = t("search.results", { n: total, query: quoted });
  }

  // Shows the next page of results, and a button for the one after while there is one.
  function showMore(q, found, mine) {
    var from = list.children.length;
    return rows(found, from, from + PAGE).then(function (got) {
      if (mine !== asked) return;
      got.forEach(function (row) { list.append(item(row)); });
      say(q, found, list.children.length);
      more.hidden = list.children.length >= found.results.length;
      more.onclick = function () {
        more.disabled = true;
        showMore(q, found, mine).then(function () { more.disabled = false; }, failed(mine));
      };
    });
  }

  function failed(mine) {
    return function (err) {
      if (mine !== asked) return;
      list.textContent = "";
      more.hidden = true;
      status.textContent = t("search.failed", { error: err.message });
    };
  }

  function run() {
    var q = input.value;
    var mine = ++asked;
    var url = new URL(window.location.href);
    if (q.trim()) url.searchParams.set("q", q); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    search(q).then(function (found) {
      if (mine !== asked) return;
      list.textContent = "";
      more.hidden = true;
      if (found === null) {
        status.textContent = q.trim() ? t("search.short") : "";
        return;
      }
      return showMore(q, found, mine);
    }).catch(failed(mine));
  }

  var timer = 0;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 120);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    window.clearTimeout(timer);
    run();
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run();
  }
})();

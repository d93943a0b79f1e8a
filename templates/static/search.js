/* digest search: the header box on every page, and the results page search/index.html.
 *
 * The index (built by digest/search/index.py, whose docstring describes its files) is a
 * set of small scripts that call window.__digestSearch.add(key, data) when loaded by a
 * <script> tag: fetch() and XHR are forbidden from file://, script tags are not.
 *
 * Query words are folded exactly as digest/search/tokenize.py folds text, but never
 * stemmed here: each word's prefix shard says which stem the index filed it under.
 * Results are built with createElement and textContent only: titles and excerpts are
 * article text, and article text must never become markup.
 */
(function () {
  "use strict";

  var WORD = /[\p{L}\p{N}]+/gu;
  var K1 = 1.2; // as digest/search/terms.py, which computes each posting's impact
  var IMPACT_MAX = 255;
  var PAGE = 20; // results shown at a time
  var PREFIX_EXPANSIONS = 10; // most frequent words completing a partly typed last word
  var PHRASE_WINDOW = 50; // top results whose text is checked for quoted phrases
  var FILTERS = ["topic", "source", "speaker", "kind"];
  var KIND_LABELS = { article: "Article", quote: "Quote", person: "Person", topic: "Topic" };
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  /* ---- Loading index files ---------------------------------------------------------- */

  var data = new Map(); // key ("t/17") -> what that file registered
  var requests = new Map(); // key -> Promise of its data, so each file loads once
  window.__digestSearch = { add: function (key, value) { data.set(key, value); } };

  function loader(base) {
    return function load(key) {
      if (!requests.has(key)) {
        requests.set(key, new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = base + key + ".js";
          // add() ran while the script executed, before its load event.
          script.onload = function () {
            if (data.has(key)) resolve(data.get(key));
            else reject(new Error("index file did not register: " + script.src));
          };
          script.onerror = function () { reject(new Error("cannot load " + script.src)); };
          document.head.appendChild(script);
        }));
      }
      return requests.get(key);
    };
  }

  /* ---- Text: the rules of digest/search/tokenize.py ----------------------------------- */

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{Mn}/gu, "");
  }

  function words(text) {
    return fold(text).match(WORD) || [];
  }

  function fnv1a(text) { // 32-bit FNV-1a over code points, as index.py hashes keys
    var h = 0x811c9dc5;
    for (var ch of text) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return h;
  }

  /* Numbers as digest/search/shards.py encode_numbers writes them: base 32, most
   * significant digit first; a digit from the second alphabet means more follow. */
  var DIGIT = {};
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef".split("").forEach(function (c, i) { DIGIT[c] = i; });
  "ghijklmnopqrstuvwxyz0123456789-_".split("").forEach(function (c, i) { DIGIT[c] = 32 + i; });
  function decodeNumbers(text) {
    var out = [];
    var n = 0;
    for (var i = 0; i < text.length; i++) {
      var d = DIGIT[text[i]];
      if (d >= 32) n = n * 32 + d - 32;
      else { out.push(n * 32 + d); n = 0; }
    }
    return out;
  }

  function prefixKey(word) {
    return Array.from(word).slice(0, 3).join("");
  }

  /* Words, quoted phrases, and whether the last word is still being typed. */
  function parseQuery(text) {
    var parts = text.split('"');
    var all = [];
    var phrases = [];
    parts.forEach(function (part, i) {
      var found = words(part);
      if (i % 2 === 1 && found.length > 1) phrases.push(found);
      all = all.concat(found);
    });
    var typing = all.length > 0 && /[\p{L}\p{N}]$/u.test(text);
    return { words: all, phrases: phrases, typing: typing };
  }

  /* ---- Search -------------------------------------------------------------------- */

  function Searcher(load, manifest) {
    this.load = load;
    this.m = manifest;
  }

  /* The terms one query word stands for, with weights: its stem; its exact form (a bonus
   * that keeps names whole); and, while it is being typed, the commonest completions. */
  Searcher.prototype.alternatives = function (word, typing) {
    var key = prefixKey(word);
    return this.load("p/" + (fnv1a(key) % this.m.prefixShards)).then(function (shard) {
      var list = shard[key] || [];
      var terms = new Map();
      var add = function (term, weight) { terms.set(term, Math.max(terms.get(term) || 0, weight)); };
      var completions = [];
      // A word is listed once per stem: articles in several languages stem it apart.
      var stems = [];
      for (var i = 0; i < list.length; i += 3) {
        if (list[i] === word) stems.push(list[i + 1] || word);
        else if (typing && list[i].startsWith(word)) completions.push(i);
      }
      if (!stems.length) stems.push(word); // a word the digest never uses may be a stem
      stems.forEach(function (stem) { add(stem, 1); });
      if (stems.indexOf(word) < 0) add(word, 0.5);
      completions.sort(function (a, b) { return list[b + 2] - list[a + 2] || a - b; });
      completions.slice(0, PREFIX_EXPANSIONS).forEach(function (i) {
        add(list[i + 1] || list[i], 0.8);
      });
      // Words to mark in results: every listed word filed under one of these terms.
      var marks = new Set([word]);
      for (var j = 0; j < list.length; j += 3) {
        if (terms.has(list[j + 1] || list[j]) || terms.has(list[j])) marks.add(list[j]);
      }
      return { terms: terms, marks: marks };
    });
  };

  /* Postings of a term: Map record -> packed field frequencies. */
  Searcher.prototype.postings = function (term) {
    var self = this;
    var parts = this.m.split[term];
    var keys = parts ? Array.from({ length: parts }, function (_, k) { return term + "#" + k; })
      : [term];
    return Promise.all(keys.map(function (key) {
      return self.load("t/" + (fnv1a(key) % self.m.termShards)).then(function (s) {
        return s[key] ? decodeNumbers(s[key]) : [];
      });
    })).then(function (lists) {
      var found = new Map();
      lists.forEach(function (flat) { // each part restarts its deltas from zero
        var record = 0;
        for (var i = 0; i < flat.length; i += 2) {
          record += flat[i];
          found.set(record, flat[i + 1]);
        }
      });
      return found;
    });
  };

  /* BM25F: the index holds each posting's saturated, field-weighted and length-normalised
   * term frequency (its impact); only the term's rarity is left to weigh here. */
  Searcher.prototype.bm25 = function (df, impact) {
    var idf = Math.log(1 + (this.m.records - df + 0.5) / (df + 0.5));
    return idf * impact / IMPACT_MAX * (K1 + 1);
  };

  /* Scores of the records that match one query word (any of its terms). */
  Searcher.prototype.wordScores = function (alt) {
    var self = this;
    var terms = Array.from(alt.terms.keys());
    return Promise.all(terms.map(function (t) { return self.postings(t); })).then(function (lists) {
      var scores = new Map();
      lists.forEach(function (list, i) {
        var weight = alt.terms.get(terms[i]);
        list.forEach(function (impact, record) {
          var s = weight * self.bm25(list.size, impact);
          scores.set(record, (scores.get(record) || 0) + s);
        });
      });
      return scores;
    });
  };

  /* Records allowed by the filters, or null when no filter is set. */
  Searcher.prototype.allowed = function (state) {
    var self = this;
    var sets = FILTERS.filter(function (f) { return state[f]; }).map(function (f) {
      return self.load("f/" + f + "/" + state[f]).then(function (deltas) {
        var record = 0;
        return new Set(deltas.map(function (d) { return (record += d); }));
      }, function () { return new Set(); }); // a value the index does not know: nothing
    });
    if (state.from || state.to) {
      var from = state.from ? dayNumber(state.from) : -Infinity;
      var to = state.to ? dayNumber(state.to) : Infinity;
      sets.push(this.load("f/dates").then(function (days) {
        var inRange = new Set();
        days.forEach(function (d, r) { if (d >= 0 && d >= from && d <= to) inRange.add(r); });
        return inRange;
      }));
    }
    if (!sets.length) return Promise.resolve(null);
    return Promise.all(sets).then(intersect);
  };

  /* All matching records, best first: [{record, score}], and the words to mark. */
  Searcher.prototype.search = function (state) {
    var self = this;
    var query = parseQuery(state.q);
    var last = query.words.length - 1;
    var alts = Promise.all(query.words.map(function (w, i) {
      return self.alternatives(w, query.typing && i === last);
    }));
    return Promise.all([alts, this.allowed(state)]).then(function (got) {
      var allowed = got[1];
      var marks = new Set();
      got[0].forEach(function (alt) { alt.marks.forEach(function (w) { marks.add(w); }); });
      var scored;
      if (query.words.length) {
        scored = Promise.all(got[0].map(function (alt) { return self.wordScores(alt); }))
          .then(function (perWord) { return combine(perWord, allowed); });
      } else if (allowed) {
        // Filters alone: everything they allow, newest first.
        scored = self.load("f/dates").then(function (days) {
          return Array.from(allowed, function (r) { return { record: r, score: days[r] }; });
        });
      } else {
        scored = Promise.resolve([]);
      }
      return scored.then(function (results) {
        results.sort(function (a, b) { return b.score - a.score || a.record - b.record; });
        return self.checkPhrases(results, query.phrases).then(function (ordered) {
          return { results: ordered, marks: marks, words: query.words };
        });
      });
    });
  };

  /* The index keeps no word positions, so quoted phrases are matched as all their words
   * (above), then the top results whose title or excerpt holds the exact phrase move first. */
  Searcher.prototype.checkPhrases = function (results, phrases) {
    if (!phrases.length) return Promise.resolve(results);
    var self = this;
    var top = results.slice(0, PHRASE_WINDOW);
    return Promise.all(top.map(function (r) { return self.meta(r.record); })).then(function (metas) {
      var hits = [];
      var misses = [];
      top.forEach(function (r, i) {
        var text = words(metas[i].title + " " + metas[i].excerpt).join(" ");
        var all = phrases.every(function (p) { return (" " + text + " ").includes(" " + p.join(" ") + " "); });
        (all ? hits : misses).push(r);
      });
      return hits.concat(misses, results.slice(PHRASE_WINDOW));
    });
  };

  Searcher.prototype.meta = function (record) {
    var size = this.m.metaRecords;
    return this.load("m/" + Math.floor(record / size)).then(function (rows) {
      var row = rows[record % size];
      return { title: row[0], path: row[1], date: row[2], source: row[3], kind: row[4],
        speaker: row[5], excerpt: row[6] };
    });
  };

  /* Records in every word's scores (and allowed by the filters), summed. */
  function combine(perWord, allowed) {
    var results = [];
    perWord[0].forEach(function (score, record) {
      if (allowed && !allowed.has(record)) return;
      var total = score;
      for (var i = 1; i < perWord.length; i++) {
        if (!perWord[i].has(record)) return;
        total += perWord[i].get(record);
      }
      results.push({ record: record, score: total });
    });
    return results;
  }

  function intersect(sets) {
    sets.sort(function (a, b) { return a.size - b.size; });
    return new Set(Array.from(sets[0]).filter(function (r) {
      return sets.every(function (s) { return s.has(r); });
    }));
  }

  function dayNumber(iso) { // days since 1970-01-01, as index.py stores them
    var p = iso.split("-").map(Number);
    return Math.round(Date.UTC(p[0], p[1] - 1, p[2]) / 86400000);
  }

  /* ---- Results page ------------------------------------------------------------------ */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* Text with the query's words in <mark>: text nodes and elements, never parsed HTML. */
  function marked(text, marks) {
    var out = document.createDocumentFragment();
    var last = 0;
    for (var m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
      if (!words(m[0]).some(function (w) { return marks.has(w); })) continue;
      out.append(text.slice(last, m.index), el("mark", "", m[0]));
      last = m.index + m[0].length;
    }
    out.append(text.slice(last));
    return out;
  }

  function longDate(iso) {
    var p = iso.slice(0, 10).split("-").map(Number);
    return p[2] + " " + MONTHS[p[1] - 1] + " " + p[0];
  }

  function resultItem(meta, marks, root) {
    var item = el("li", "result result-" + meta.kind);
    var heading = el("h3");
    var a = el("a");
    a.href = root + meta.path;
    a.append(marked(meta.title, marks));
    heading.append(a);
    var byline = [KIND_LABELS[meta.kind] || meta.kind, meta.speaker, meta.source,
      meta.date && longDate(meta.date)].filter(Boolean);
    item.append(el("p", "kicker", byline.join(" · ")), heading);
    if (meta.excerpt) {
      var excerpt = el("p", "summary");
      excerpt.append(marked(meta.excerpt, marks));
      item.append(excerpt);
    }
    return item;
  }

  function readState(form) {
    var params = new URLSearchParams(location.search);
    var state = { q: params.get("q") || "" };
    FILTERS.concat(["from", "to"]).forEach(function (name) { state[name] = params.get(name) || ""; });
    Array.from(form.elements).forEach(function (field) {
      if (field.name in state) field.value = state[field.name];
    });
    return state;
  }

  function formState(form) {
    var state = {};
    new FormData(form).forEach(function (value, name) { state[name] = String(value).trim(); });
    return state;
  }

  /* The search lives in the URL, so it can be shared and the back button works. */
  function saveState(state, push) {
    var params = new URLSearchParams();
    Object.keys(state).forEach(function (k) { if (state[k]) params.set(k, state[k]); });
    var url = location.pathname + (params.toString() ? "?" + params : "");
    if (url === location.pathname + location.search) return;
    try {
      history[push ? "pushState" : "replaceState"](null, "", url);
    } catch (e) { /* some browsers refuse history changes on file:// pages */ }
  }

  function fillFilters(form, manifest) {
    FILTERS.forEach(function (name) {
      var select = form.elements[name];
      var values = manifest.filters[name] || [];
      values.forEach(function (v) {
        var option = el("option", "", name === "kind" ? KIND_LABELS[v[1]] || v[1] : v[1]);
        option.value = v[0];
        select.append(option);
      });
      select.closest("label").hidden = values.length < 2 && !(name === "kind" && values.length);
    });
    if (manifest.dates) {
      ["from", "to"].forEach(function (name) {
        form.elements[name].min = manifest.dates[0];
        form.elements[name].max = manifest.dates[1];
      });
    }
  }

  function startPage(app) {
    var form = document.getElementById("search-form");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var more = document.getElementById("search-more");
    var root = app.dataset.root;
    var load = loader(app.dataset.index);
    var searcher = null;
    var generation = 0; // a newer search makes older, slower ones drop their results
    var shown = { results: [], marks: new Set(), count: 0 };

    /* The next page of results; the first page replaces the old results and status at
     * once, so the page never shows one search's count beside another's results. */
    function showMore(gen) {
      var page = shown.results.slice(shown.count, shown.count + PAGE);
      return Promise.all(page.map(function (r) { return searcher.meta(r.record); }))
        .then(function (metas) {
          if (gen !== generation) return;
          var items = metas.map(function (meta) { return resultItem(meta, shown.marks, root); });
          if (shown.count === 0) {
            var n = shown.results.length;
            status.textContent = n ? n + (n === 1 ? " result" : " results") : "No results.";
            list.replaceChildren.apply(list, items);
          } else {
            list.append.apply(list, items);
          }
          shown.count += page.length;
          more.hidden = shown.count >= shown.results.length;
        });
    }

    function run(state) {
      var gen = ++generation;
      var header = document.getElementById("site-search");
      if (header) header.value = state.q;
      if (!state.q && !FILTERS.concat(["from", "to"]).some(function (f) { return state[f]; })) {
        list.replaceChildren();
        more.hidden = true;
        status.textContent = "Type a word, a name, or a \"quoted phrase\".";
        return Promise.resolve();
      }
      return searcher.search(state).then(function (found) {
        if (gen !== generation) return;
        shown = { results: found.results, marks: found.marks, count: 0 };
        return showMore(gen);
      });
    }

    function fail(error) {
      status.textContent = "The search index could not be loaded (" + error.message + ").";
    }

    var typingTimer = 0;
    form.addEventListener("input", function (event) {
      if (event.target.name !== "q") return;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () {
        var state = formState(form);
        saveState(state, false);
        run(state).catch(fail);
      }, 120);
    });
    form.addEventListener("change", function (event) {
      if (event.target.name === "q") return;
      var state = formState(form);
      saveState(state, true);
      run(state).catch(fail);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(typingTimer);
      var state = formState(form);
      saveState(state, true);
      run(state).catch(fail);
    });
    window.addEventListener("popstate", function () { run(readState(form)).catch(fail); });
    more.addEventListener("click", function () {
      more.hidden = true; // until this page is shown: a second click would repeat it
      showMore(generation).catch(fail);
    });

    // Arrow keys move between the box and the results; Enter follows a focused result.
    app.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      var links = Array.from(list.querySelectorAll(".result h3 a"));
      var input = form.elements.q;
      var at = links.indexOf(document.activeElement);
      if (document.activeElement !== input && at < 0) return;
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      event.preventDefault();
      if (next < 0) input.focus();
      else if (next < links.length) links[next].focus();
    });

    load("manifest").then(function (manifest) {
      searcher = new Searcher(load, manifest);
      fillFilters(form, manifest);
      return run(readState(form));
    }).catch(fail);
  }

  /* ---- Every page: "/" focuses the search box ---------------------------------------- */

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    var box = document.getElementById("search-q") || document.getElementById("site-search");
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });

  var app = document.getElementById("search-app");
  if (app) startPage(app);
})();

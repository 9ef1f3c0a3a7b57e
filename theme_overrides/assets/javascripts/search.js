/* 站内搜索: the header's search button and dialog (partials/wm-search.html).
 *
 * The index is written by the search_index plugin (site_plugins/search_index/index.py
 * explains the files); this file does what site_plugins/search_index/query.py does, step
 * for step (tests compare the two). A query is folded (traditional → simplified with the
 * pairs of meta.json) and split into runs of word characters; a page must match every
 * run, each by one of its alternatives: its characters and pairs (重阳节 → 重阳, 阳节),
 * its letters read as pinyin or initials (zhangguifang, zgf), a surname + kinship term
 * (郑大姐 → @郑). When nothing matches, near alternatives too: the same pinyin (张贵芳)
 * or one character wrong (防弱水). Only the term files of those terms are fetched, then
 * the result rows of the results shown: a few tens of kilobytes.
 * Results: entries before guide and bulletin pages; every run in the title first, then in
 * the title or the place (乡镇 · 村), then in the text; then the index's order.
 *
 * ES5 and XMLHttpRequest on purpose (old WeChat / X5 WebViews); no other host is used.
 * Keep tokenising, hashing and the file format in step with index.py.
 */
(function () {
  "use strict";
  var root = document.getElementById("wm-search");
  var opener = document.querySelector("[data-wm-search-open]");
  if (!root || !opener || !window.XMLHttpRequest || !window.Uint8Array || !window.JSON) return;

  var PAGE = 10;
  var TITLE = 1;
  var PLACE = 2;
  var RANGES = [[0x30, 0x39], [0x61, 0x7a], [0x3007, 0x3007], [0x3400, 0x4dbf],
                [0x4e00, 0x9fff], [0xf900, 0xfaff]];
  var base = root.getAttribute("data-base") || ".";
  if (base.charAt(base.length - 1) !== "/") base += "/";
  var folder = base + "search/";
  var input = root.querySelector(".wm-search__input");
  var form = root.querySelector(".wm-search__form");
  var status = root.querySelector(".wm-search__status");
  var list = root.querySelector(".wm-search__results");
  var more = root.querySelector(".wm-search__more");
  var closer = root.querySelector(".wm-search__close");
  var help = root.querySelector(".wm-search__help");

  var meta = null;

  /* Opened from disk (the offline copy that `make kiosk` writes): browsers refuse
     XMLHttpRequest to file: addresses and show a folder for a link to one. So there each
     index file also exists as a script (file + ".js") that hands its content to
     window.wmSearchFile, and links to a folder name its index.html. */
  var fromDisk = window.location.protocol === "file:";
  var diskWaiting = {};
  window.wmSearchFile = function (key, payload) {
    var callback = diskWaiting[key];
    delete diskWaiting[key];
    if (callback) callback(payload);
  };

  function pageUrl(url) {
    return fromDisk ? url.replace(/^([^?#]*\/)(?=[?#]|$)/, "$1index.html") : url;
  }

  function loadFromDisk(url, binary, finish) {
    var key = url.slice(folder.length).replace(/\?.*$/, "");
    var script = document.createElement("script");
    diskWaiting[key] = function (payload) {
      var value = payload;
      if (binary) {
        var text = window.atob(payload);
        value = new Uint8Array(text.length);
        for (var i = 0; i < text.length; i++) value[i] = text.charCodeAt(i);
      }
      files[url] = value;
      finish(null, value);
    };
    script.onerror = function () {
      delete diskWaiting[key];
      finish(new Error("file"), null);
    };
    script.src = folder + key + ".js";
    document.head.appendChild(script);
  }
  var waiting = {}; /* url → [callbacks] while a file is on its way */
  var files = {}; /* url → parsed file */
  var state = { query: "", ranked: [], shown: 0, exact: 0 };
  var serial = 0;
  var timer = null;
  var composing = false;

  /* --- the same tokenising and query plan as index.py and query.py ----------------- */

  var NEAR_BELOW = 1; /* fewer exact results than this (none): look for near ones too */
  var fold = {}; /* traditional → simplified, from meta.json */
  var syllables = {};
  var readings = {}; /* character → pinyin, from p/<i>.json when first needed */

  function isWord(code) {
    for (var i = 0; i < RANGES.length; i++) {
      if (code >= RANGES[i][0] && code <= RANGES[i][1]) return true;
    }
    return false;
  }

  function isHan(text) {
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (!((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff))) return false;
    }
    return text.length > 0;
  }

  function normalise(text) {
    if (text.normalize) text = text.normalize("NFKC");
    text = text.toLowerCase();
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      out += fold.hasOwnProperty(c) ? fold[c] : c;
    }
    return out;
  }

  function runs(text) {
    var out = [];
    var current = "";
    text = normalise(text);
    for (var i = 0; i < text.length; i++) {
      if (isWord(text.charCodeAt(i))) {
        current += text.charAt(i);
      } else if (current) {
        out.push(current);
        current = "";
      }
    }
    if (current) out.push(current);
    return out;
  }

  function queryRuns(query) {
    var out = [];
    var all = runs(query);
    for (var i = 0; i < all.length; i++) if (out.indexOf(all[i]) < 0) out.push(all[i]);
    return out;
  }

  function unique(list) {
    var out = [];
    for (var i = 0; i < list.length; i++) if (out.indexOf(list[i]) < 0) out.push(list[i]);
    return out;
  }

  function literal(run) {
    if (run.length === 1) return [run];
    var pieces = [];
    for (var j = 0; j + 1 < run.length; j++) pieces.push(run.substr(j, 2));
    return unique(pieces);
  }

  /* A word as syllables (full) and single initials: fewest pieces, then fewest
   * initials, then the longest first syllable (query.parse_pinyin). */
  function parsePinyin(word) {
    var best = [];
    best[word.length] = { count: 0, initials: 0, pieces: [] };
    for (var start = word.length - 1; start >= 0; start--) {
      var choice = null;
      for (var size = Math.min(6, word.length - start); size > 0; size--) {
        var piece = word.substr(start, size);
        var rest = best[start + size];
        if (!rest) continue;
        var full = syllables.hasOwnProperty(piece);
        if (!full && (size > 1 || "iuv".indexOf(piece) >= 0)) continue;
        var count = rest.count + 1;
        var initials = rest.initials + (full ? 0 : 1);
        if (!choice || count < choice.count || (count === choice.count && initials < choice.initials)) {
          choice = { count: count, initials: initials,
                     pieces: [[piece, full]].concat(rest.pieces) };
        }
      }
      best[start] = choice;
    }
    return best[0] ? best[0].pieces : null;
  }

  function pinyinTerms(pieces) {
    if (pieces.length === 1) return pieces[0][1] ? ["'" + pieces[0][0]] : [];
    var wanted = [];
    var paired = {};
    for (var i = 0; i + 1 < pieces.length; i++) {
      var a = pieces[i];
      var b = pieces[i + 1];
      if (a[1] && b[1]) {
        wanted.push("'" + a[0] + " " + b[0]);
        paired[i] = paired[i + 1] = true;
      } else {
        wanted.push("^" + a[0].charAt(0) + b[0].charAt(0));
      }
    }
    for (i = 0; i < pieces.length; i++) {
      if (pieces[i][1] && !paired[i]) wanted.push("'" + pieces[i][0]);
    }
    return unique(wanted);
  }

  /* 郑大姐 → 郑, 郭志强同志 → 郭志强 (query.kinship_head). */
  function kinshipHead(run) {
    var kin = meta.kin.slice().sort(function (a, b) { return b.length - a.length; });
    for (var i = 0; i < kin.length; i++) {
      var term = kin[i];
      if (run.length > term.length && run.slice(-term.length) === term) {
        var head = run.slice(0, run.length - term.length);
        if (meta.not.indexOf(head.charAt(0)) >= 0 || !isHan(head) || head.length > 4) return null;
        return head;
      }
    }
    return null;
  }

  function kinshipSurname(run) {
    var head = kinshipHead(run);
    if (head && (head.length === 1 || (head.length === 2 && meta.cs.indexOf(head) >= 0))) return head;
    return null;
  }

  /* The exact ways a run can match: lists of terms a page must all hold. */
  function alternatives(run) {
    var found = [];
    if (/^[a-z]+$/.test(run)) {
      var pieces = parsePinyin(run) || [];
      var clean = pieces.length > 0;
      for (var i = 0; i < pieces.length; i++) clean = clean && pieces[i][1];
      /* Letters as written only for what cannot be pinyin (ktv) or short initials (zgf). */
      if (!pieces.length || (run.length <= 3 && !clean)) found.push(literal(run));
      var terms = pinyinTerms(pieces);
      if (terms.length) found.push(terms);
      return found;
    }
    found.push(literal(run));
    var surname = kinshipSurname(run);
    var head = kinshipHead(run);
    if (surname) found.push(["@" + surname]);
    else if (head) found.push(literal(head)); /* a whole name: 郭志强同志 → 郭志强 */
    return found;
  }

  /* The near ways: the same pinyin, or one character wrong (query.near_alternatives). */
  function nearAlternatives(run) {
    var found = [];
    if (!isHan(run) || run.length < 2) return found;
    var pieces = [];
    for (var i = 0; i < run.length; i++) {
      var c = run.charAt(i);
      if (!readings.hasOwnProperty(c)) { pieces = null; break; }
      pieces.push([readings[c], true]);
    }
    if (pieces) found.push(pinyinTerms(pieces));
    if (run.length >= 3) {
      for (var wrong = 0; wrong < run.length; wrong++) {
        var terms = [];
        for (var j = 0; j + 1 < run.length; j++) {
          if (wrong !== j && wrong !== j + 1) terms.push(run.substr(j, 2));
        }
        if (wrong > 0 && wrong < run.length - 1) terms.push(run.charAt(wrong - 1) + "_" + run.charAt(wrong + 1));
        found.push(unique(terms));
      }
    }
    return found;
  }

  function plan(query, near) {
    var out = [];
    var any = false;
    var parts = queryRuns(query);
    for (var i = 0; i < parts.length; i++) {
      var options = alternatives(parts[i]);
      if (near) {
        /* A neighbour by surname (郑大姐) is not a typo: its near forms only add noise. */
        var extra = kinshipHead(parts[i]) ? [] : nearAlternatives(parts[i]);
        any = any || extra.length > 0;
        options = options.concat(extra);
      }
      out.push(options);
    }
    return near && !any ? null : out;
  }

  function planTerms(planned) {
    var terms = [];
    for (var i = 0; i < planned.length; i++) {
      for (var j = 0; j < planned[i].length; j++) terms = terms.concat(planned[i][j]);
    }
    return unique(terms);
  }

  /* 32-bit FNV-1a over code points (terms are in the Basic Multilingual Plane). */
  function termHash(term) {
    var value = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      value = Math.imul(value ^ term.charCodeAt(i), 0x01000193) >>> 0;
    }
    return value;
  }

  function utf8(term) {
    var out = [];
    for (var i = 0; i < term.length; i++) {
      var c = term.charCodeAt(i);
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  }

  /* --- files --------------------------------------------------------------------- */

  function load(url, binary, done) {
    if (files.hasOwnProperty(url)) return done(null, files[url]);
    if (waiting[url]) return waiting[url].push(done);
    waiting[url] = [done];
    if (fromDisk) return loadFromDisk(url, binary, finish);
    var request = new XMLHttpRequest();
    request.open("GET", url, true);
    if (binary) request.responseType = "arraybuffer";
    request.onload = function () {
      var value = null;
      var error = null;
      if (request.status === 200 || (request.status === 0 && request.response)) {
        try {
          value = binary ? new Uint8Array(request.response) : JSON.parse(request.responseText);
          files[url] = value;
        } catch (e) {
          error = e;
        }
      } else {
        error = new Error("HTTP " + request.status);
      }
      finish(error, value);
    };
    request.onerror = function () {
      finish(new Error("network"), null);
    };
    request.send();

    function finish(error, value) {
      var callbacks = waiting[url];
      delete waiting[url];
      for (var i = 0; i < callbacks.length; i++) callbacks[i](error, value);
    }
  }

  function loadAll(urls, binary, done) {
    var left = urls.length;
    var failed = null;
    if (!left) return done(null);
    for (var i = 0; i < urls.length; i++) {
      load(urls[i], binary, function (error) {
        if (error) failed = error;
        left -= 1;
        if (!left) done(failed);
      });
    }
  }

  function loadMeta(done) {
    if (meta) return done(null);
    load(folder + "meta.json", false, function (error, value) {
      if (!error && (!value || value.version !== 2)) error = new Error("index version");
      if (!error) {
        meta = value;
        for (var i = 0; i + 1 < meta.fold.length; i += 2) fold[meta.fold.charAt(i)] = meta.fold.charAt(i + 1);
        var names = meta.sy.split(" ");
        for (var k = 0; k < names.length; k++) syllables[names[k]] = true;
      }
      done(error);
    });
  }

  function shardUrl(term) {
    return folder + "t/" + (termHash(term) & (meta.shards - 1)) + ".bin?v=" + meta.build;
  }

  function chunkUrl(doc) {
    return folder + "d/" + Math.floor(doc / meta.chunk) + ".json?v=" + meta.build;
  }

  /* The postings of ``term`` in its (loaded) term file: {ids: [...], flags: [...]}. */
  function postings(term) {
    var data = files[shardUrl(term)];
    var key = utf8(term);
    var pos = 0;
    var found = { ids: [], flags: [] };
    while (pos < data.length) {
      var size = data[pos];
      var same = size === key.length;
      for (var i = 0; same && i < size; i++) same = data[pos + 1 + i] === key[i];
      pos += 1 + size;
      var length = 0;
      var shift = 0;
      var b;
      do {
        b = data[pos++];
        length += (b & 127) * Math.pow(2, shift);
        shift += 7;
      } while (b >= 128);
      if (!same) {
        pos += length;
        continue;
      }
      var end = pos + length;
      var doc = -1;
      while (pos < end) {
        var value = 0;
        shift = 0;
        do {
          b = data[pos++];
          value += (b & 127) * Math.pow(2, shift);
          shift += 7;
        } while (b >= 128);
        doc += Math.floor(value / 4);
        found.ids.push(doc);
        found.flags.push(value & 3);
      }
      break;
    }
    return found;
  }

  /* doc → tier (0: every term in the title, 1: in title or place, 2: elsewhere). */
  function matches(alternative) {
    var found = null;
    for (var i = 0; i < alternative.length; i++) {
      var list = postings(alternative[i]);
      var next = {};
      for (var k = 0; k < list.ids.length; k++) {
        var doc = list.ids[k];
        if (found && !found.hasOwnProperty(doc)) continue;
        var flag = list.flags[k];
        var tier = flag & TITLE ? 0 : flag & (TITLE | PLACE) ? 1 : 2;
        next[doc] = Math.max(found ? found[doc] : 0, tier);
      }
      found = next;
    }
    return found || {};
  }

  /* Pages matching every run by one of its alternatives, ranked as query.py does:
   * before the guide and bulletins, then by tier, then in the index's order. */
  function rank(planned) {
    var result = null;
    for (var r = 0; r < planned.length; r++) {
      var best = {};
      for (var a = 0; a < planned[r].length; a++) {
        var got = matches(planned[r][a]);
        for (var doc in got) {
          if (got.hasOwnProperty(doc)) best[doc] = Math.min(best.hasOwnProperty(doc) ? best[doc] : 3, got[doc]);
        }
      }
      if (result === null) {
        result = best;
      } else {
        var kept = {};
        for (doc in result) {
          if (result.hasOwnProperty(doc) && best.hasOwnProperty(doc)) kept[doc] = Math.max(result[doc], best[doc]);
        }
        result = kept;
      }
    }
    var ids = [];
    for (doc in result || {}) if (result.hasOwnProperty(doc)) ids.push(Number(doc));
    var low = meta.low;
    ids.sort(function (x, y) {
      return (x >= low) - (y >= low) || result[x] - result[y] || x - y;
    });
    return ids;
  }

  /* --- showing results ----------------------------------------------------------- */

  function say(text) {
    status.textContent = text;
  }

  function pretty(date) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date || "");
    return m ? m[1] + "年" + Number(m[2]) + "月" + Number(m[3]) + "日" : "";
  }

  /* ``text`` into ``parent``, each run of the query in it marked. */
  function marked(parent, text, query) {
    var parts = runs(query);
    var lower = normalise(text);
    var marks = [];
    var i;
    if (lower.length === text.length) {
      for (i = 0; i < parts.length; i++) {
        var at = lower.indexOf(parts[i]);
        while (at >= 0) {
          marks.push([at, at + parts[i].length]);
          at = lower.indexOf(parts[i], at + parts[i].length);
        }
      }
    }
    marks.sort(function (a, b) {
      return a[0] - b[0];
    });
    var pos = 0;
    for (i = 0; i < marks.length; i++) {
      if (marks[i][0] < pos) continue;
      if (marks[i][0] > pos) parent.appendChild(document.createTextNode(text.slice(pos, marks[i][0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(marks[i][0], marks[i][1]);
      parent.appendChild(mark);
      pos = marks[i][1];
    }
    if (pos < text.length) parent.appendChild(document.createTextNode(text.slice(pos)));
  }

  function row(doc) {
    var rows = files[chunkUrl(doc)];
    return rows && rows[doc % meta.chunk];
  }

  function item(doc, query) {
    var data = row(doc);
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.className = "wm-search__link";
    link.href = pageUrl(base + data[0]);
    var title = document.createElement("span");
    title.className = "wm-search__title";
    marked(title, data[1] || data[0], query);
    link.appendChild(title);
    var where = [data[2], pretty(data[3])].filter(Boolean).join(" · ");
    if (where) {
      var place = document.createElement("span");
      place.className = "wm-search__place";
      place.textContent = where;
      link.appendChild(place);
    }
    li.appendChild(link);
    return li;
  }

  /* Fetch the rows of the next page of results and append them. */
  function showMore(mine, focusFirst) {
    var next = state.ranked.slice(state.shown, state.shown + PAGE);
    var urls = [];
    for (var i = 0; i < next.length; i++) {
      var url = chunkUrl(next[i]);
      if (urls.indexOf(url) < 0) urls.push(url);
    }
    more.hidden = true;
    loadAll(urls, false, function (error) {
      if (mine !== serial) return;
      if (error) return say("搜索暂时不可用，请稍后再试。");
      var first = null;
      for (var k = 0; k < next.length; k++) {
        var li = item(next[k], state.query);
        list.appendChild(li);
        first = first || li.firstChild;
      }
      state.shown += next.length;
      var total = state.ranked.length;
      var shownQuery = "“" + state.query.trim() + "”";
      var text;
      if (state.exact) {
        text = shownQuery + "找到 " + total + " 条结果";
        if (total > state.exact) text += "（其中 " + (total - state.exact) + " 条是相近的）";
      } else {
        text = "没有找到" + shownQuery + "，下面是相近的 " + total + " 条结果（拼音相同或错一个字）";
      }
      if (state.shown < total) text += "，显示前 " + state.shown + " 条";
      say(text + "。");
      more.hidden = state.shown >= total;
      if (focusFirst && first) first.focus();
    });
  }

  function fail() {
    say("搜索暂时不可用，请稍后再试。");
  }

  /* Nothing found: say what was searched, and what else to try (never a blank). */
  function nothing(query) {
    say("没有找到含有“" + query.trim() + "”的内容。");
    help.innerHTML = "";
    var tips = ["少输几个字，或换个说法；",
                "用拼音或拼音首字母，例如 zhangguifang、zgf；"];
    for (var i = 0; i < tips.length; i++) {
      var li = document.createElement("li");
      li.textContent = tips[i];
      help.appendChild(li);
    }
    if (meta && meta.roll) {
      var roll = document.createElement("li");
      roll.appendChild(document.createTextNode("找身边好人，到"));
      var link = document.createElement("a");
      link.href = pageUrl(base + meta.roll + "?q=" + encodeURIComponent(query.trim()));
      link.textContent = "好人榜";
      roll.appendChild(link);
      roll.appendChild(document.createTextNode("按姓名、村名查找。"));
      help.appendChild(roll);
    }
    help.hidden = false;
  }

  /* Rows of the first page, then a result whose title is the query goes first. */
  function promoteExact(mine, query, done) {
    var first = state.ranked.slice(0, PAGE);
    var urls = [];
    for (var i = 0; i < first.length; i++) {
      if (urls.indexOf(chunkUrl(first[i])) < 0) urls.push(chunkUrl(first[i]));
    }
    loadAll(urls, false, function (error) {
      if (mine !== serial) return;
      if (error) return fail();
      var wanted = queryRuns(query).join("");
      var same = [];
      var rest = [];
      for (var k = 0; k < first.length; k++) {
        (runs(row(first[k])[1]).join("") === wanted ? same : rest).push(first[k]);
      }
      state.ranked = same.concat(rest, state.ranked.slice(PAGE));
      done();
    });
  }

  function run(query) {
    var mine = ++serial;
    state = { query: query, ranked: [], shown: 0, exact: 0 };
    list.innerHTML = "";
    more.hidden = true;
    help.hidden = true;
    if (!runs(query).length) return say(query.replace(/\s/g, "") ? "请输入汉字、字母或数字。" : "");
    say("正在搜索…");
    loadMeta(function (error) {
      if (mine !== serial) return;
      if (error) return fail();
      var planned = plan(query, false);
      for (var p = 0; p < planned.length; p++) if (!planned[p].length) return nothing(query);
      fetchTerms(planTerms(planned), function (error2) {
        if (mine !== serial) return;
        if (error2) return fail();
        state.ranked = rank(planned);
        state.exact = state.ranked.length;
        if (state.exact >= NEAR_BELOW) return show();
        var paths = readingUrls(query);
        loadAll(paths, false, function (error3) {
          if (mine !== serial) return;
          if (error3) return fail();
          for (var f = 0; f < paths.length; f++) {
            var groups = files[paths[f]];
            for (var read in groups) {
              if (!groups.hasOwnProperty(read)) continue;
              for (var c = 0; c < groups[read].length; c++) readings[groups[read].charAt(c)] = read;
            }
          }
          var near = plan(query, true);
          if (!near) return show();
          fetchTerms(planTerms(near), function (error4) {
            if (mine !== serial) return;
            if (error4) return fail();
            var nearer = rank(near);
            for (var n = 0; n < nearer.length; n++) {
              if (state.ranked.indexOf(nearer[n]) < 0) state.ranked.push(nearer[n]);
            }
            show();
          });
        });
      });
    });

    function show() {
      if (!state.ranked.length) return nothing(query);
      promoteExact(mine, query, function () {
        showMore(mine, false);
      });
    }
  }

  /* The reading files of the query's characters (query.Index.reading_paths). */
  function readingUrls(query) {
    var urls = [];
    var parts = queryRuns(query);
    for (var i = 0; i < parts.length; i++) {
      if (!isHan(parts[i])) continue;
      for (var k = 0; k < parts[i].length; k++) {
        var url = folder + "p/" + (termHash(parts[i].charAt(k)) & (meta.readings - 1)) + ".json?v=" + meta.build;
        if (urls.indexOf(url) < 0) urls.push(url);
      }
    }
    return urls;
  }

  function fetchTerms(terms, done) {
    var urls = [];
    for (var i = 0; i < terms.length; i++) {
      if (urls.indexOf(shardUrl(terms[i])) < 0) urls.push(shardUrl(terms[i]));
    }
    loadAll(urls, true, done);
  }

  function schedule() {
    if (composing) return; /* pinyin still being typed: wait for the characters */
    if (timer) clearTimeout(timer);
    timer = setTimeout(function () {
      timer = null;
      if (input.value !== state.query) run(input.value);
    }, 250);
  }

  /* --- the dialog ---------------------------------------------------------------- */

  function isOpen() {
    return !root.hidden;
  }

  function open() {
    if (isOpen()) return input.focus();
    root.hidden = false;
    opener.setAttribute("aria-expanded", "true");
    document.documentElement.className += " wm-search-on";
    input.focus();
    if (input.select) input.select();
  }

  function close() {
    if (!isOpen()) return;
    root.hidden = true;
    opener.setAttribute("aria-expanded", "false");
    document.documentElement.className = document.documentElement.className
      .replace(/(^| )wm-search-on(?= |$)/g, "");
    opener.focus();
  }

  function focusables() {
    var all = root.querySelectorAll("input, button, a[href]");
    var out = [];
    for (var i = 0; i < all.length; i++) {
      if (!all[i].hidden && all[i].offsetParent !== null) out.push(all[i]);
    }
    return out;
  }

  function resultLinks() {
    return list.querySelectorAll("a");
  }

  function onKey(event) {
    var key = event.key;
    if (key === "Escape" || key === "Esc") {
      event.preventDefault();
      return close();
    }
    if (key === "Tab") {
      /* Keep the focus inside the dialog while it is open. */
      var items = focusables();
      var first = items[0];
      var last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
      return;
    }
    if (key !== "ArrowDown" && key !== "ArrowUp" && key !== "Down" && key !== "Up") return;
    var links = resultLinks();
    if (!links.length) return;
    var at = -1;
    for (var i = 0; i < links.length; i++) if (links[i] === document.activeElement) at = i;
    var down = key === "ArrowDown" || key === "Down";
    event.preventDefault();
    if (down) {
      if (at < links.length - 1) links[at + 1].focus();
      else if (!more.hidden) more.focus();
    } else if (at > 0) {
      links[at - 1].focus();
    } else {
      input.focus();
    }
  }

  /* Our button into Material's header, where Material's own search button would be
   * (before the repository link if there is one, else last); search.css keeps that
   * place free until then (.wm-search-placed). Without a header it stays hidden. */
  function place() {
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    var source = header.querySelector(".md-header__source");
    header.insertBefore(opener, source && source.parentNode === header ? source : null);
    header.className += " wm-search-placed";
    opener.hidden = false;
  }

  function init() {
    place();
    opener.addEventListener("click", open);
    closer.addEventListener("click", close);
    root.addEventListener("keydown", onKey);
    root.addEventListener("click", function (event) {
      if (event.target === root) close(); /* a tap beside the panel */
    });
    input.addEventListener("input", schedule);
    input.addEventListener("compositionstart", function () {
      composing = true;
    });
    input.addEventListener("compositionend", function () {
      composing = false;
      schedule();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (timer) clearTimeout(timer);
      timer = null;
      if (input.value !== state.query) run(input.value);
    });
    more.addEventListener("click", function () {
      showMore(serial, true);
    });
    /* "/" opens the search from anywhere but a text field. */
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || isOpen() || event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      var tag = target && target.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable) {
        return;
      }
      event.preventDefault();
      open();
    });
  }

  /* Once: the event is sent again after Material's late scripts (wm-late-scripts.html). */
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function ready() {
      document.removeEventListener("DOMContentLoaded", ready);
      init();
    });
  } else {
    init();
  }
})();

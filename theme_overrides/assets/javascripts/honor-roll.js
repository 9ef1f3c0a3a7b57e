/* 好人榜 (honor roll): search and filters over the cards the server wrote.

   Without this script the page is the complete list. With it, the reader types a name
   (张桂), its pinyin (zhangguifang, zgf) or words of the deeds, and chooses a category,
   honour level, year, township or village; the state lives in the query string
   (?q=…&c=…&l=…&y=…&t=…&v=…), so a shared link or the back button brings it back.
   The index (window.wmHonorRoll, from roll.<hash>.js) holds what the cards do not show,
   one position per card; the rules are written out in site_plugins/honor_roll/index.py.

   Plain ES5 for old WeChat WebViews. The reader's text is only compared with indexOf
   and shown with textContent: no regular expression and no markup is made from it. */
(function () {
  "use strict";
  var data = window.wmHonorRoll;
  var root = document.querySelector && document.querySelector(".wm-honor-roll");
  if (!data || !root) return;
  var list = root.querySelector(".wm-hr-list");
  var form = root.querySelector(".wm-hr-tools");
  var input = root.querySelector(".wm-hr-q");
  if (!list || !form || !input) return;
  var cards = list.children;
  var total = data.c.length;
  if (cards.length !== total) return; // page and index from different builds: stay plain

  var SEP = new RegExp(data.sep, "g");
  var LATIN = /^[a-z]+$/;
  var KEYS = ["c", "l", "y", "t", "v"];
  var DEBOUNCE_MS = 150;

  function column(rows, k) {
    var out = [];
    for (var i = 0; i < rows.length; i++) out.push(rows[i][k]);
    return out;
  }

  var years = [];
  for (var yi = 0; yi < data.yr.length; yi++) years.push(String(data.yr[yi]));

  // Each facet: its codes (for the URL), labels, and the value numbers of card i.
  var facets = {
    c: { codes: column(data.cat, 0), labels: column(data.cat, 1), of: function (i) { return [data.c[i]]; } },
    l: { codes: column(data.lvl, 0), labels: column(data.lvl, 1), of: function (i) { return data.l[i]; } },
    y: { codes: years, labels: years, of: function (i) { return data.y[i]; } },
    t: { codes: column(data.twp, 0), labels: column(data.twp, 1), of: function (i) { return [data.vil[data.v[i]][2]]; } },
    v: { codes: column(data.vil, 0), labels: column(data.vil, 1), of: function (i) { return [data.v[i]]; } }
  };

  var state = { q: "", c: -1, l: -1, y: -1, t: -1, v: -1 };

  // --- text search ------------------------------------------------------------------

  // Traditional → simplified (誌 → 志), only for characters the cards use (index.py).
  var fold = {};
  for (var fi = 0; fi + 1 < data.tf.length; fi += 2) fold[data.tf.charAt(fi)] = data.tf.charAt(fi + 1);

  function normalise(text) {
    var s = String(text);
    if (s.normalize) {
      try { s = s.normalize("NFKC"); } catch (e) { /* keep as typed */ }
    }
    s = s.toLowerCase();
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i);
      out += Object.prototype.hasOwnProperty.call(fold, c) ? fold[c] : c;
    }
    return out.replace(SEP, " ");
  }

  // 郑大姐 → 郑: the surname before a kinship term (chinese.kinship_surname), or "".
  var KIN = data.kin.slice().sort(function (a, b) { return b.length - a.length; });
  function kinshipSurname(word) {
    for (var i = 0; i < KIN.length; i++) {
      var term = KIN[i];
      if (word.length > term.length && word.slice(-term.length) === term) {
        var head = word.slice(0, word.length - term.length);
        if (data.ns.indexOf(head.charAt(0)) >= 0 || !/^[\u3400-\u9fff\uf900-\ufaff]+$/.test(head)) return "";
        if (head.length === 1 || (head.length === 2 && contains(data.cs, head))) return head;
      }
    }
    return "";
  }
  var groups = {};
  for (var gi = 0; gi < data.grp.length; gi++) groups[data.grp[gi]] = true;

  function cardName(i) {
    var name = cards[i].getElementsByTagName("b")[0];
    return name ? name.textContent.replace(/^\s+|\s+$/g, "") : "";
  }

  function queryWords(query) {
    var parts = normalise(query).split(" ");
    var words = [];
    for (var i = 0; i < parts.length; i++) if (parts[i]) words.push(parts[i]);
    return words;
  }

  var texts = null; // card text + deeds, normalised; made on the first search
  var syllables = null;

  function parseSyllables(text) {
    var parts = text ? text.split(" ") : [];
    for (var k = 0; k < parts.length; k++) parts[k] = parts[k].split("/");
    return parts;
  }

  // The name's syllables read with the index's character table (as from_table in
  // pinyin.py does), unless the index lists this card's name as read otherwise.
  function nameSyllables(i) {
    if (Object.prototype.hasOwnProperty.call(data.px, String(i))) return parseSyllables(data.px[String(i)]);
    var name = cards[i].getElementsByTagName("b")[0];
    var text = name ? name.textContent.replace(/^\s+|\s+$/g, "").toLowerCase() : "";
    var out = [];
    var word = "";
    for (var c = 0; c < text.length; c++) {
      var ch = text.charAt(c);
      var unit = text.charCodeAt(c);
      if (unit >= 0xd800 && unit <= 0xdbff && c + 1 < text.length) {
        ch = text.substr(c, 2); // a character beyond the BMP (many 生僻字) is two units
        c++;
      }
      if ((ch >= "0" && ch <= "9") || (ch >= "a" && ch <= "z")) {
        word += ch;
        continue;
      }
      if (word) { out.push([word]); word = ""; }
      if (Object.prototype.hasOwnProperty.call(data.pt, ch)) out.push(data.pt[ch].split("/"));
    }
    if (word) out.push([word]);
    return out;
  }

  function prepare() {
    texts = [];
    syllables = [];
    for (var i = 0; i < total; i++) {
      texts.push(" " + normalise(cards[i].textContent) + " " + data.d[i]);
      syllables.push(nameSyllables(i));
    }
  }

  // Does `word` read consecutive syllables, each by a prefix of one of its readings?
  function pinyinMatches(sylls, word) {
    var longest = 0;
    for (var s = 0; s < sylls.length; s++) {
      var widest = 0;
      for (var r = 0; r < sylls[s].length; r++) widest = Math.max(widest, sylls[s][r].length);
      longest += widest;
    }
    if (!word.length || word.length > longest) return false;
    for (var start = 0; start < sylls.length; start++) {
      var positions = [0];
      for (var k = start; k < sylls.length && positions.length; k++) {
        var seen = {};
        var following = [];
        for (var p = 0; p < positions.length; p++) {
          var pos = positions[p];
          for (var a = 0; a < sylls[k].length; a++) {
            var reading = sylls[k][a];
            var len = 0;
            while (len < reading.length && pos + len < word.length &&
                   reading.charAt(len) === word.charAt(pos + len)) len++;
            if (len && pos + len === word.length) return true;
            for (var m = 1; m <= len; m++) {
              if (!seen[pos + m]) { seen[pos + m] = true; following.push(pos + m); }
            }
          }
        }
        positions = following;
      }
    }
    return false;
  }

  function textMatches(i, words) {
    for (var w = 0; w < words.length; w++) {
      var word = words[w];
      if (texts[i].indexOf(word) >= 0) continue;
      if (LATIN.test(word) && pinyinMatches(syllables[i], word)) continue;
      var surname = kinshipSurname(word);
      if (surname && !groups[i] && cardName(i).indexOf(surname) === 0) continue;
      return false;
    }
    return true;
  }

  // --- filters ------------------------------------------------------------------------

  function contains(values, value) {
    for (var i = 0; i < values.length; i++) if (values[i] === value) return true;
    return false;
  }

  function zeros(length) {
    var out = [];
    for (var i = 0; i < length; i++) out.push(0);
    return out;
  }

  function tally(counts, key, i) {
    var values = facets[key].of(i);
    for (var v = 0; v < values.length; v++) counts[key][values[v]]++;
  }

  var shown = [];
  for (var s0 = 0; s0 < total; s0++) shown.push(true);

  // Shows the matching cards; returns how many, and per facet how many each value would
  // show given the query and the other facets' choices.
  function apply() {
    var words = queryWords(state.q);
    if (words.length && !texts) prepare();
    var counts = {};
    for (var k = 0; k < KEYS.length; k++) counts[KEYS[k]] = zeros(facets[KEYS[k]].codes.length);
    var found = 0;
    for (var i = 0; i < total; i++) {
      var fit = !words.length || textMatches(i, words);
      var misses = 0;
      var missed = null;
      for (var f = 0; fit && f < KEYS.length; f++) {
        var key = KEYS[f];
        if (state[key] >= 0 && !contains(facets[key].of(i), state[key])) {
          misses++;
          missed = key;
        }
      }
      var show = fit && misses === 0;
      if (show) {
        found++;
        for (var g = 0; g < KEYS.length; g++) tally(counts, KEYS[g], i);
      } else if (fit && misses === 1) {
        tally(counts, missed, i);
      }
      if (shown[i] !== show) {
        cards[i].hidden = !show;
        shown[i] = show;
      }
    }
    return { found: found, counts: counts };
  }

  // --- the controls ---------------------------------------------------------------------

  var chips = {};
  var selects = {};

  function setText(element, text) {
    element.textContent = text;
  }

  function makeChips(key) {
    var box = form.querySelector('fieldset[data-facet="' + key + '"]');
    if (!box) return;
    var facet = facets[key];
    var buttons = [box.querySelector("button")];
    for (var i = 0; i < facet.codes.length; i++) {
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("data-code", facet.codes[i]);
      var label = document.createElement("span");
      setText(label, facet.labels[i]);
      var count = document.createElement("span");
      count.className = "wm-hr-n";
      button.appendChild(label);
      button.appendChild(count);
      box.appendChild(button);
      buttons.push(button);
    }
    chips[key] = buttons;
    box.addEventListener("click", function (event) {
      var target = event.target;
      while (target && target !== box && target.tagName !== "BUTTON") target = target.parentNode;
      if (!target || target === box) return;
      var code = target.getAttribute("data-code");
      var chosen = code ? facet.codes.indexOf(code) : -1;
      state[key] = chosen === state[key] ? -1 : chosen;
      commit(true);
    });
  }

  function renderChips(key, counts) {
    var buttons = chips[key];
    if (!buttons) return;
    buttons[0].setAttribute("aria-pressed", state[key] < 0 ? "true" : "false");
    for (var i = 1; i < buttons.length; i++) {
      var value = i - 1;
      var chosen = state[key] === value;
      buttons[i].setAttribute("aria-pressed", chosen ? "true" : "false");
      setText(buttons[i].lastChild, String(counts[value]));
      buttons[i].disabled = !chosen && counts[value] === 0; // stays in place: no jumping
    }
  }

  function option(parent, value, text, chosen) {
    var element = document.createElement("option");
    element.value = value;
    setText(element, text);
    if (chosen) element.selected = true;
    parent.appendChild(element);
  }

  function renderSelect(key, counts) {
    var select = selects[key];
    if (!select) return;
    var facet = facets[key];
    while (select.options.length > 1) select.removeChild(select.lastChild);
    while (select.lastChild && select.lastChild.tagName === "OPTGROUP") select.removeChild(select.lastChild);
    var groups = {};
    for (var i = 0; i < facet.codes.length; i++) {
      var chosen = state[key] === i;
      if (!chosen && counts[i] === 0) continue;
      var parent = select;
      if (key === "v") {
        var township = data.vil[i][2];
        if (state.t >= 0 && township !== state.t) continue;
        if (state.t < 0) {
          if (!groups[township]) {
            groups[township] = document.createElement("optgroup");
            groups[township].label = facets.t.labels[township];
            select.appendChild(groups[township]);
          }
          parent = groups[township];
        }
      }
      option(parent, facet.codes[i], facet.labels[i] + "（" + counts[i] + "）", chosen);
    }
    select.value = state[key] >= 0 ? facet.codes[state[key]] : "";
  }

  function makeSelect(key) {
    var select = form.querySelector('select[data-facet="' + key + '"]');
    if (!select) return;
    selects[key] = select;
    select.addEventListener("change", function () {
      var chosen = select.value ? facets[key].codes.indexOf(select.value) : -1;
      state[key] = chosen;
      if (key === "v" && chosen >= 0) state.t = data.vil[chosen][2];
      if (key === "t" && state.v >= 0 && data.vil[state.v][2] !== chosen) state.v = -1;
      commit(true);
    });
  }

  var countBox = root.querySelector(".wm-hr-count");
  var countNumber = countBox && countBox.querySelector("strong");
  var countOf = countBox && countBox.querySelector(".wm-hr-of");
  var empty = root.querySelector(".wm-hr-empty");
  var chosenNote = form.querySelector(".wm-hr-chosen");
  var toggle = form.querySelector(".wm-hr-toggle");
  var panel = form.querySelector(".wm-hr-panel");
  var clearButtons = root.querySelectorAll(".wm-hr-clear");

  function chosenCount() {
    var count = 0;
    for (var k = 0; k < KEYS.length; k++) if (state[KEYS[k]] >= 0) count++;
    return count;
  }

  function render() {
    var result = apply();
    for (var k = 0; k < KEYS.length; k++) {
      renderChips(KEYS[k], result.counts[KEYS[k]]);
      renderSelect(KEYS[k], result.counts[KEYS[k]]);
    }
    var filtered = chosenCount() > 0 || queryWords(state.q).length > 0;
    if (countNumber) setText(countNumber, String(result.found));
    if (countOf) countOf.hidden = !filtered;
    if (empty) empty.hidden = result.found > 0;
    list.hidden = result.found === 0;
    for (var b = 0; b < clearButtons.length; b++) {
      if (!empty || !empty.contains(clearButtons[b])) clearButtons[b].hidden = !filtered;
    }
    if (chosenNote) setText(chosenNote, chosenCount() ? "（已选 " + chosenCount() + " 项）" : "");
  }

  // --- the address ----------------------------------------------------------------------

  function decode(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, " "));
    } catch (e) {
      return text;
    }
  }

  function encode(text) {
    try {
      return encodeURIComponent(text);
    } catch (e) {
      return ""; // a lone surrogate cannot be put in an address
    }
  }

  function isOurs(name) {
    return name === "q" || contains(KEYS, name);
  }

  function pairs() {
    var search = window.location.search.replace(/^\?/, "");
    var out = [];
    var parts = search ? search.split("&") : [];
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i]) continue;
      var eq = parts[i].indexOf("=");
      var name = decode(eq < 0 ? parts[i] : parts[i].slice(0, eq));
      out.push({ name: name, value: eq < 0 ? "" : decode(parts[i].slice(eq + 1)), raw: parts[i] });
    }
    return out;
  }

  function readAddress() {
    state = { q: "", c: -1, l: -1, y: -1, t: -1, v: -1 };
    var found = pairs();
    for (var i = 0; i < found.length; i++) {
      var name = found[i].name;
      if (name === "q") state.q = found[i].value;
      else if (contains(KEYS, name)) state[name] = facets[name].codes.indexOf(found[i].value);
    }
    if (state.v >= 0) state.t = data.vil[state.v][2];
    input.value = state.q;
  }

  function writeAddress(push) {
    if (!window.history || !window.history.replaceState) return;
    var parts = [];
    var found = pairs();
    for (var i = 0; i < found.length; i++) if (!isOurs(found[i].name)) parts.push(found[i].raw);
    if (state.q) parts.push("q=" + encode(state.q));
    for (var k = 0; k < KEYS.length; k++) {
      var key = KEYS[k];
      if (state[key] >= 0) parts.push(key + "=" + encode(facets[key].codes[state[key]]));
    }
    var search = parts.length ? "?" + parts.join("&") : "";
    if (search === window.location.search) return;
    var address = window.location.pathname + search + window.location.hash;
    try {
      if (push) window.history.pushState(null, "", address);
      else window.history.replaceState(null, "", address);
    } catch (e) { /* some WebViews refuse: the search still works */ }
  }

  // Typing replaces the history entry the first keystroke made: Back leaves the search
  // whole, not one character at a time. A click on a filter is an entry of its own.
  var typing = false;
  var timer = null;

  function commit(push) {
    typing = false;
    render();
    writeAddress(push);
  }

  function typed() {
    timer = null;
    if (state.q === input.value) return;
    state.q = input.value;
    render();
    writeAddress(!typing);
    typing = true;
  }

  input.addEventListener("input", function () {
    if (timer) clearTimeout(timer);
    timer = setTimeout(typed, DEBOUNCE_MS);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (timer) clearTimeout(timer);
    typed();
    input.blur(); // hides the phone's keyboard so the results can be seen
  });

  function clearAll() {
    if (timer) clearTimeout(timer);
    timer = null;
    state = { q: "", c: -1, l: -1, y: -1, t: -1, v: -1 };
    input.value = "";
    commit(true);
    input.focus();
  }
  for (var b = 0; b < clearButtons.length; b++) clearButtons[b].addEventListener("click", clearAll);

  window.addEventListener("popstate", function () {
    if (timer) clearTimeout(timer);
    timer = null;
    typing = false;
    readAddress();
    render();
  });

  for (var m = 0; m < KEYS.length; m++) {
    makeChips(KEYS[m]);
    makeSelect(KEYS[m]);
  }
  readAddress();
  render();
  function openPanel(open) {
    if (!toggle || !panel) return;
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  if (toggle) toggle.addEventListener("click", function () { openPanel(panel.hidden); });
  openPanel(chosenCount() > 0);
  form.hidden = false;
  root.className += " wm-hr-ready";
})();

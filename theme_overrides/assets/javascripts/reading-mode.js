/* 适老化 reading modes: the 「大字」 and 「高对比」 buttons of partials/reading-mode.html.
 *
 * The saved modes were already put on <html> as classes by the inline script at the top of
 * the page (before anything was painted); this file only wires up the buttons. Each mode
 * is a class on <html> (wm-large, wm-contrast) and a word in localStorage
 * ("wm-reading-mode" = "large contrast"), shared by every page of the site.
 * ES5 on purpose: old WeChat / X5 WebViews. Some of them throw on any use of localStorage;
 * then the buttons still work on the current page, the choice is just not remembered.
 */
(function () {
  "use strict";
  var KEY = "wm-reading-mode";
  var MODES = ["large", "contrast"];
  var root = document.documentElement;

  function hasClass(name) {
    return (" " + root.className + " ").indexOf(" " + name + " ") >= 0;
  }

  function active(mode) {
    return hasClass("wm-" + mode);
  }

  function save() {
    var on = [];
    for (var i = 0; i < MODES.length; i++) {
      if (active(MODES[i])) on.push(MODES[i]);
    }
    try {
      if (on.length) window.localStorage.setItem(KEY, on.join(" "));
      else window.localStorage.removeItem(KEY);
    } catch (e) {
      /* storage unavailable (private mode, WebView policy): keep the mode for this page */
    }
  }

  function buttons() {
    return document.querySelectorAll("button[data-wm-mode]");
  }

  function sync() {
    var list = buttons();
    for (var i = 0; i < list.length; i++) {
      var mode = list[i].getAttribute("data-wm-mode");
      list[i].setAttribute("aria-pressed", active(mode) ? "true" : "false");
    }
  }

  function set(mode, on) {
    if (on) root.classList.add("wm-" + mode);
    else root.classList.remove("wm-" + mode);
  }

  function init() {
    var list = buttons();
    for (var i = 0; i < list.length; i++) {
      list[i].addEventListener("click", function (event) {
        var mode = event.currentTarget.getAttribute("data-wm-mode");
        set(mode, !active(mode));
        save();
        sync();
      });
    }
    sync();
    /* Another tab of the same site changed the modes: follow it. */
    window.addEventListener("storage", function (event) {
      if (event.key !== KEY && event.key !== null) return;
      var value = "";
      try {
        value = window.localStorage.getItem(KEY) || "";
      } catch (e) {
        return;
      }
      var words = " " + value + " ";
      for (var i = 0; i < MODES.length; i++) {
        set(MODES[i], words.indexOf(" " + MODES[i] + " ") >= 0);
      }
      sync();
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

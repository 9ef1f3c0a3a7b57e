/* 照片查看: tap a photo of an activity to see it full screen, 上一张/下一张, 关闭.
 *
 * Every gallery photo is a link (a.wm-zoom) to its largest JPEG, so without JavaScript
 * the tap still opens the picture. With it, a full-screen panel (role="dialog") shows the
 * photo and its caption; keyboard: ← → for the other photos, Esc to close; focus moves
 * to 关闭 and returns to the photo's link afterwards. ES5 (old WeChat WebViews), no
 * framework.
 */
(function () {
  "use strict";
  var links = document.querySelectorAll("a.wm-zoom");
  if (!links.length) return;
  var index = 0;
  var opener = null;
  var box = document.createElement("div");
  box.className = "wm-viewer";
  box.setAttribute("role", "dialog");
  box.setAttribute("aria-modal", "true");
  box.setAttribute("aria-label", "查看照片");
  box.hidden = true;
  box.innerHTML =
    '<div class="wm-viewer__bar"><span class="wm-viewer__caption" aria-live="polite"></span>' +
    '<button type="button" data-go="-1">上一张</button><button type="button" data-go="1">下一张</button>' +
    '<button type="button" data-go="0">关闭</button></div><img class="wm-viewer__img" alt="">';
  document.body.appendChild(box);
  var img = box.querySelector("img");
  var caption = box.querySelector(".wm-viewer__caption");
  var close = box.querySelector('[data-go="0"]');
  var single = links.length < 2;
  var buttons = box.querySelectorAll("[data-go]");
  for (var b = 0; b < buttons.length; b++) {
    if (single && buttons[b] !== close) buttons[b].hidden = true;
  }

  function show(i) {
    index = (i + links.length) % links.length;
    var link = links[index];
    var inner = link.querySelector("img");
    img.src = link.getAttribute("href");
    img.alt = inner ? inner.alt : "";
    caption.textContent = (single ? "" : index + 1 + " / " + links.length + "　") + (link.getAttribute("data-caption") || "");
  }

  function open(i) {
    opener = links[i];
    show(i);
    box.hidden = false;
    document.documentElement.style.overflow = "hidden";
    close.focus();
  }

  function shut() {
    box.hidden = true;
    img.removeAttribute("src");
    document.documentElement.style.overflow = "";
    if (opener) opener.focus();
  }

  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener("click", (function (n) {
      return function (event) {
        event.preventDefault();
        open(n);
      };
    })(i));
  }
  box.addEventListener("click", function (event) {
    var go = event.target.getAttribute && event.target.getAttribute("data-go");
    if (go === "0" || event.target === img) shut();
    else if (go) show(index + Number(go));
  });
  document.addEventListener("keydown", function (event) {
    if (box.hidden) return;
    var key = event.key;
    if (key === "Escape" || key === "Esc") shut();
    else if (key === "ArrowRight" && !single) show(index + 1);
    else if (key === "ArrowLeft" && !single) show(index - 1);
    else if (key === "Tab") {
      /* Keep focus inside the panel while it is open. */
      var shown = [];
      for (var k = 0; k < buttons.length; k++) if (!buttons[k].hidden) shown.push(buttons[k]);
      var at = shown.indexOf(document.activeElement);
      if (event.shiftKey ? at <= 0 : at === shown.length - 1) {
        event.preventDefault();
        shown[event.shiftKey ? shown.length - 1 : 0].focus();
      }
    } else return;
    if (key !== "Tab") event.preventDefault();
  });
})();

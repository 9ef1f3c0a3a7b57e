/* Highlight the reader's current month on theme calendar pages. The page is complete
   without this: the build cannot know the reader's today, only the browser can. */
(function () {
  var now = new Date();
  var key = now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2);
  var cells = document.querySelectorAll('[data-month="' + key + '"]');
  for (var i = 0; i < cells.length; i++) {
    cells[i].classList.add("wm-current");
    cells[i].setAttribute("aria-current", "date");
  }
})();

// The city portal's search (city-honorees.html): fetches search/city.json from this site
// once, on the first keystroke, and filters it in the page. Results are built as text
// nodes, never as HTML: every value comes from a county's export.
(function () {
  var form = document.querySelector(".wm-city-search");
  if (!form) return;
  form.hidden = false;
  var input = form.querySelector("input");
  var status = form.querySelector(".wm-city-search__status");
  var list = form.querySelector(".wm-city-search__results");
  var rows = null;
  var loading = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  function show() {
    var q = input.value.trim();
    list.textContent = "";
    if (!q || !rows) { status.textContent = ""; return; }
    var found = rows.filter(function (r) {
      return (r[1] + r[2] + r[3]).indexOf(q) !== -1;
    });
    status.textContent = "找到 " + found.length + " 项" + (found.length > 50 ? "，显示前 50 项" : "");
    found.slice(0, 50).forEach(function (r) {
      var li = document.createElement("li");
      var name = document.createElement(r[4] ? "a" : "span");
      if (r[4]) name.href = r[4];
      name.textContent = r[1];
      li.appendChild(document.createTextNode(r[0] + "："));
      li.appendChild(name);
      li.appendChild(document.createTextNode("　" + r[2] + (r[3] ? "　" + r[3] : "")));
      list.appendChild(li);
    });
  }
  input.addEventListener("input", function () {
    if (rows || loading) { show(); return; }
    loading = true;
    status.textContent = "正在载入……";
    fetch(form.getAttribute("data-index")).then(function (r) { return r.json(); })
      .then(function (data) { rows = data; show(); })
      .catch(function () { status.textContent = "载入失败，请稍后再试"; loading = false; });
  });
})();

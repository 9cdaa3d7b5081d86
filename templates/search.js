/* rulebook site search: RB_INDEX (written beside the pages, one entry an
   article: [page#id, label and title, text]) searched as the reader types,
   or for ?q=WORDS in the address.  Without script the box stays hidden and
   every page still reads. */
var rbSearch = function (q, max) {
  "use strict";
  var hits = [], i, e;
  q = q.trim().toLowerCase();
  if (!q || typeof RB_INDEX === "undefined") return hits;
  for (i = 0; i < RB_INDEX.length && hits.length < (max || 30); i++) {
    e = RB_INDEX[i];
    if ((e[1] + " " + e[2]).toLowerCase().indexOf(q) >= 0) hits.push(e);
  }
  return hits;
};
(function () {
  "use strict";
  function show(list, hits) {
    var i, li, a, s;
    while (list.firstChild) list.removeChild(list.firstChild);
    for (i = 0; i < hits.length; i++) {
      li = document.createElement("li");
      a = document.createElement("a");
      a.href = hits[i][0];
      a.textContent = hits[i][1] || hits[i][0];
      s = document.createElement("span");
      s.textContent = " " + hits[i][2].slice(0, 80);
      li.appendChild(a);
      li.appendChild(s);
      list.appendChild(li);
    }
  }
  function init() {
    var form = document.querySelector("form.search"), box, list, q;
    if (!form || typeof RB_INDEX === "undefined") return;
    box = form.querySelector("input");
    list = document.querySelector("ol.hits");
    form.hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    function run() {
      list.hidden = !box.value.trim();
      show(list, rbSearch(box.value));
    }
    box.addEventListener("input", run);
    q = new URLSearchParams(window.location.search).get("q");
    if (q) {
      box.value = q;
      run();
    }
  }
  if (typeof document === "undefined") return;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

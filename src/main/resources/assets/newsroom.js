// Newsroom script: the editor works without it; with it, a formatting toolbar and a warning
// before leaving a form with unsaved changes.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-editor]");
    if (!form) return;
    var body = form.querySelector("#body");
    var toolbar = form.querySelector("[data-toolbar]");
    if (toolbar && body) {
      toolbar.hidden = false;
      toolbar.addEventListener("click", function (event) {
        var button = event.target.closest("button");
        if (!button) return;
        var start = body.selectionStart, end = body.selectionEnd, text = body.value, chosen = text.slice(start, end);
        var replacement = chosen;
        if (button.dataset.wrap) replacement = button.dataset.wrap + chosen + button.dataset.wrap;
        else if (button.dataset.prefix) replacement = button.dataset.prefix + chosen;
        else if (button.hasAttribute("data-link")) replacement = "[" + (chosen || "text") + "](https://)";
        body.setRangeText(replacement, start, end, "end");
        body.focus();
        dirty = true;
      });
    }
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  });
})();

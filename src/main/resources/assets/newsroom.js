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
    // Live preview: the server renders and sanitises the body exactly as for readers.
    var panel = document.querySelector("[data-preview-panel]");
    var timer = null;
    function refreshPreview() {
      var data = new URLSearchParams();
      data.set("csrf", form.querySelector("input[name=csrf]").value);
      data.set("body", body.value);
      fetch("/newsroom/preview", { method: "POST", body: data, credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" } })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) {
          panel.hidden = false;
          panel.querySelector("[data-preview-body]").innerHTML = html; // sanitised on the server
          panel.querySelector("[data-preview-headline]").textContent = form.querySelector("#headline").value;
          panel.querySelector("[data-preview-standfirst]").textContent = form.querySelector("#standfirst").value;
        })
        .catch(function () { /* the Preview button still works */ });
    }
    if (panel && body) {
      form.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(refreshPreview, 400);
      });
    }
    // Tag suggestions for the tag being typed, after the commas: the browser's own suggestion
    // list, refilled with "what is typed so far, known tag".
    var tagInput = form.querySelector("[data-tags]");
    var tagList = tagInput && document.getElementById(tagInput.getAttribute("list"));
    if (tagInput && tagList) {
      var known = Array.prototype.map.call(tagList.options, function (o) { return o.value; });
      tagInput.addEventListener("input", function () {
        var parts = tagInput.value.split(",");
        var typing = parts.pop().trim().toLowerCase();
        var done = parts.map(function (p) { return p.trim(); }).filter(Boolean);
        var prefix = done.length ? done.join(", ") + ", " : "";
        tagList.innerHTML = "";
        known.filter(function (t) { return t.toLowerCase().indexOf(typing) === 0 && done.indexOf(t) < 0; })
          .slice(0, 12).forEach(function (t) {
            var option = document.createElement("option");
            option.value = prefix + t;
            tagList.appendChild(option);
          });
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

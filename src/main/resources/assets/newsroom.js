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
        else if (button.hasAttribute("data-picture")) {
          var number = window.prompt("The picture's number in the media library");
          if (!number || !/^\d+$/.test(number.trim())) return;
          replacement = "\n\n![" + (chosen || "What the picture shows") + "](media:" + number.trim() + " \"Caption\")\n\n";
        }
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

// The media library's upload form: with script, pictures can be dropped on it, and a progress bar
// shows how much of a large upload has been sent. Without script the plain form does the same.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-upload]");
    if (!form || !window.FormData || !window.XMLHttpRequest) return;
    var input = form.querySelector("input[type=file]");
    var progress = form.querySelector(".upload-progress");
    var bar = progress.querySelector("progress");
    var status = progress.querySelector("[role=status]");
    form.addEventListener("dragover", function (event) {
      event.preventDefault();
      form.classList.add("dropping");
    });
    form.addEventListener("dragleave", function () { form.classList.remove("dropping"); });
    form.addEventListener("drop", function (event) {
      event.preventDefault();
      form.classList.remove("dropping");
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      input.files = event.dataTransfer.files;
      form.requestSubmit();
    });
    form.addEventListener("submit", function (event) {
      if (!input.files.length) return;
      event.preventDefault();
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      progress.hidden = false;
      status.textContent = "Uploading…";
      request.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        bar.value = Math.round(100 * e.loaded / e.total);
        status.textContent = "Uploading: " + bar.value + " %";
      });
      request.addEventListener("load", function () {
        if (request.status < 400 && request.responseURL) {
          window.location.assign(request.responseURL);
        } else {
          document.open();
          document.write(request.responseText);
          document.close();
        }
      });
      request.addEventListener("error", function () {
        status.textContent = "The upload failed; check the connection and try again.";
      });
      request.send(new FormData(form));
    });
  });
})();

// The import page: while an import runs, its progress is fetched every two seconds and put in
// place (without script, the page has a Refresh link).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var section = document.querySelector("[data-import-status=running]");
    if (!section || !window.fetch || !window.DOMParser) return;
    var timer = window.setInterval(function () {
      window.fetch(window.location.pathname, { credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html")
            .querySelector("[data-import-status]");
          if (!fresh) return;
          section.innerHTML = fresh.innerHTML;
          if (fresh.getAttribute("data-import-status") !== "running") {
            window.clearInterval(timer);
            section.setAttribute("data-import-status", "idle");
          }
        })
        .catch(function () { /* the next tick tries again */ });
    }, 2000);
  });
})();

// The wire desk: every ten seconds the newest item's number is asked for; when items have come
// since the page was drawn, a line says so with a link that shows them (the page itself is not
// redrawn under the editor's eyes). Without script, reloading the page shows them.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var line = document.querySelector("[data-wire-newest]");
    if (!line || !window.fetch) return;
    var shown = Number(line.getAttribute("data-wire-newest"));
    window.setInterval(function () {
      window.fetch("/newsroom/wire/newest", { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (body) {
          if (body.newest <= shown || line.firstChild) return;
          var link = document.createElement("a");
          link.href = window.location.pathname + window.location.search;
          link.textContent = "New items have come in: show them";
          line.appendChild(link);
        })
        .catch(function () { /* the next tick tries again */ });
    }, 10000);
  });
})();

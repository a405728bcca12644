// Masthead reader script. The site works without it; with it, relative times stay fresh, the
// favorites star toggles in place, and a phone's strip of sections shows the reader's own.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var units = [["year", 31536000], ["month", 2629800], ["day", 86400], ["hour", 3600], ["minute", 60]];

  // One formatter for the page: making one per time took a home page's 47 times 0.2 s of a
  // phone's main thread (Lighthouse, 4 x slowdown).
  var formatter = null;
  function relative(date) {
    if (!window.Intl || !Intl.RelativeTimeFormat) return null;
    var seconds = (date.getTime() - Date.now()) / 1000;
    var size = Math.abs(seconds);
    // Numbers always, as the server writes them ("1 day ago", not "yesterday"): otherwise the
    // text changed under the reader's eyes as the script ran. Under a minute the server's "now"
    // stays.
    var fmt = formatter = formatter || new Intl.RelativeTimeFormat(lang, { numeric: "always" });
    if (size < 60) return null;
    // Same steps as the server: minutes, hours, days up to 45, months, years.
    var unit = size < 3600 ? "minute" : size < 86400 ? "hour" : size < 45 * 86400 ? "day" : size < 365 * 86400 ? "month" : "year";
    var length = units.filter(function (u) { return u[0] === unit; })[0][1];
    var value = Math.trunc(seconds / length);
    if (unit === "month") value = Math.round(seconds / length);
    return fmt.format(value, unit);
  }

  function refreshTimes() {
    var times = document.querySelectorAll("time[data-rel]");
    for (var i = 0; i < times.length; i++) {
      var text = relative(new Date(times[i].getAttribute("datetime")));
      if (text && times[i].textContent !== text) times[i].textContent = text;
    }
  }

  var progress = null;
  function busy(on) {
    progress = progress || document.querySelector(".progress");
    if (!progress) return;
    progress.classList.toggle("active", on);
    progress.querySelector(".progress-text").hidden = !on;
  }

  function onStar(event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("star") || !window.fetch) return;
    event.preventDefault();
    var button = form.querySelector("button");
    var field = form.querySelector("input[name=starred]");
    var slow = setTimeout(function () { busy(true); }, 300);
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(new FormData(form)).toString(),
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (result) {
      button.setAttribute("aria-pressed", result.starred ? "true" : "false");
      field.value = result.starred ? "false" : "true";
      button.querySelector(".star-label").textContent = result.starred ? button.dataset.remove : button.dataset.add;
      var path = button.querySelector("svg path");
      if (path) path.setAttribute("fill", result.starred ? "currentColor" : "none");
    }).catch(function () {
      form.submit(); // fall back to the plain form post, which always works
    }).finally(function () {
      clearTimeout(slow);
      busy(false);
      button.disabled = false;
    });
  }

  // On a phone the sections are a strip that scrolls sideways, and the reader's own section may
  // sit past its end, out of view (Health, last in the Arabic edition's strip at 390 px). Scroll
  // the strip, not the page, so that it shows.
  function showCurrentSection() {
    var strip = document.querySelector(".sections ul");
    var current = strip && strip.querySelector("[aria-current]");
    if (!current || strip.scrollWidth <= strip.clientWidth) return;
    var view = strip.getBoundingClientRect(), link = current.getBoundingClientRect();
    if (link.left >= view.left && link.right <= view.right) return;
    // In the strip's own coordinates, right to left too: a positive step shows what is right.
    strip.scrollLeft += (link.left + link.width / 2) - (view.left + view.width / 2);
  }

  document.addEventListener("submit", onStar);
  document.addEventListener("DOMContentLoaded", refreshTimes);
  document.addEventListener("DOMContentLoaded", showCurrentSection);
  // And when the page gets narrower, as a phone turned upright does; not when only its height
  // changes (a phone's address bar hiding as the reader scrolls), which would undo a strip the
  // reader scrolled by hand.
  var width = window.innerWidth;
  window.addEventListener("resize", function () {
    if (window.innerWidth < width) showCurrentSection();
    width = window.innerWidth;
  });
  setInterval(refreshTimes, 60000);
})();

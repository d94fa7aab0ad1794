// The phone page, refreshed every few seconds so that it follows the
// facilitator (the Ideas step, the vote), unless something is being typed.
(function () {
  "use strict";
  var seconds = Number(document.body.getAttribute("data-refresh") || "0");
  if (!seconds) { return; }
  function typing() {
    var fields = document.querySelectorAll("textarea, input[type=text]");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value || fields[i] === document.activeElement) { return true; }
    }
    return false;
  }
  setInterval(function () {
    if (!typing()) { window.location.replace(window.location.pathname); }
  }, seconds * 1000);
})();

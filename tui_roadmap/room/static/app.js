// The phone page follows the room: every few seconds it asks the room what
// it is at, and reloads once the room has moved on (a new step, the vote
// opened or closed, the phone let in), unless something is being typed.
// When the room cannot be reached it says so, instead of the browser's
// error page at the next tap.
(function () {
  "use strict";
  var body = document.body;
  var shown = body.getAttribute("data-state");
  var seconds = Number(body.getAttribute("data-poll") || "0");
  var base = body.getAttribute("data-base");
  var link = document.getElementById("link");
  if (!shown || !seconds || !base || !window.fetch) { return; }
  function typing() {
    var fields = document.querySelectorAll("textarea, input[type=text]");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value || fields[i] === document.activeElement) { return true; }
    }
    return false;
  }
  function say(text) {
    if (text) { link.textContent = text; link.hidden = false; } else { link.hidden = true; }
  }
  function check() {
    window.fetch(base + "state", { cache: "no-store", credentials: "same-origin" }).then(function (answer) {
      if (answer.status === 404) {
        say("This room's address no longer works: the facilitator gave it a new one. Scan the code on the big screen again.");
        return null;
      }
      if (!answer.ok) { return null; }
      return answer.text();
    }).then(function (state) {
      if (state === null || state === undefined) { return; }
      say("");
      if (state !== shown) {
        if (typing()) {
          say("The room has moved on: send or clear what you typed to follow it.");
        } else {
          window.location.replace(window.location.pathname);
        }
      }
    }).catch(function () {
      say("The room cannot be reached: the laptop may have closed it, or your phone left its network. This page keeps trying.");
    });
  }
  setInterval(check, seconds * 1000);
})();

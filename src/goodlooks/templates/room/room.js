/* goodlooks room: live updates from the room (server-sent events) and voting without a reload.
   The page works without it: the forms post and the page comes back. */
(function () {
  "use strict";
  var root = document.getElementById("room");
  var live = document.getElementById("live");
  var base = root.getAttribute("data-base");
  var panelUrl = root.getAttribute("data-panel") || base + "/panel";
  var asked = 0;  /* panels asked for: only the one asked for last is shown (answers may cross) */
  var messages = {open: "A question is open: you can vote.", revealed: "The votes are revealed.",
                  paused: "Waiting for the next question.", ended: "The session has ended."};
  function panel() { return document.getElementById("panel"); }
  function say(text) { live.textContent = text; }
  function show(fresh, message) { panel().replaceWith(fresh); bind(); if (message) { say(message); } }
  function refresh(message) {
    var mine = ++asked;
    fetch(panelUrl, {credentials: "same-origin", headers: {Accept: "text/html"}})
      .then(function (r) { return r.text(); })
      .then(function (html) {
        if (mine !== asked) { return; }  /* the room has moved on: a later panel is on its way */
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("#panel");
        if (fresh) { show(fresh, message); }
      }, function () {  /* not reached: try again in a moment, unless something newer was asked */
        setTimeout(function () { if (mine === asked) { refresh(message); } }, 1000);
      });
  }
  function ended() {  /* drawn here: the room's server stops as the session ends */
    asked += 1;
    show(document.getElementById("ended").content.firstElementChild.cloneNode(true), messages.ended);
  }
  function bind() {
    var form = root.querySelector("form.vote");
    if (!form) { return; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      button.disabled = true;
      fetch(form.action, {method: "POST", credentials: "same-origin", headers: {Accept: "application/json"},
                          body: new URLSearchParams(new FormData(form))})
        .then(function (r) { return r.json(); })
        .then(function (answer) {
          if (answer.ok) { refresh("Your vote is in."); } else { button.disabled = false; say(answer.message); refresh(); }
        }, function () { button.disabled = false; say("Your vote did not reach the room: try again."); });
    });
  }
  function watch() {
    var source = new EventSource(base + "/events");
    source.addEventListener("room", function (event) {
      var state = JSON.parse(event.data);
      var shown = panel();
      if (state.stage === "ended") { source.close(); ended(); return; }
      if (root.querySelector("form.join")) { return; }  /* someone is typing the code: leave it be */
      if (state.stage !== shown.getAttribute("data-stage") || (state.question || "") !== shown.getAttribute("data-question")) {
        refresh(messages[state.stage]);
      } else {
        var count = document.getElementById("count");
        if (count && state.stage === "open") { count.textContent = state.voted + " of " + state.eligible + " voted"; }
      }
    });
  }
  bind();
  if (window.EventSource) { watch(); }
}());

/* goodlooks room: live updates from the room (server-sent events) and voting without a reload.
   The page works without it: the forms post and the page comes back. */
(function () {
  "use strict";
  var root = document.getElementById("room");
  var live = document.getElementById("live");
  var base = root.getAttribute("data-base");
  var panelUrl = base + "/panel" + (root.getAttribute("data-panel") === "screen" ? "?for=screen" : "");
  function panel() { return document.getElementById("panel"); }
  function say(text) { live.textContent = text; }
  function refresh(message) {
    fetch(panelUrl, {credentials: "same-origin", headers: {Accept: "text/html"}})
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("#panel");
        if (fresh) { panel().replaceWith(fresh); bind(); if (message) { say(message); } }
      });
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
  var messages = {open: "A question is open: you can vote.", revealed: "The votes are revealed.",
                  paused: "Waiting for the next question.", ended: "The session has ended."};
  function watch() {
    var source = new EventSource(base + "/events");
    source.addEventListener("room", function (event) {
      var state = JSON.parse(event.data);
      var shown = panel();
      if (root.querySelector("form.join")) { return; }  /* someone is typing their name: leave it be */
      if (state.stage !== shown.getAttribute("data-stage") || (state.question || "") !== shown.getAttribute("data-question")) {
        refresh(messages[state.stage]);
      } else {
        var count = document.getElementById("count");
        if (count && state.stage === "open") { count.textContent = state.voted + " of " + state.eligible + " voted"; }
      }
      if (state.stage === "ended") { source.close(); }
    });
  }
  bind();
  if (window.EventSource) { watch(); }
}());

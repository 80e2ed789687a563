(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("form-data").textContent);
  var form = document.getElementById("answers-form");
  var respondent = document.getElementById("respondent");
  var anonymous = document.getElementById("anonymous");
  var statusLine = document.getElementById("status");
  var nextPerson = document.getElementById("next-person");
  // One person's sitting at the form: the same id at every save, so that the person running the
  // workshop counts a form saved twice once (the later save). A new person is a new session.
  var session = newSession();
  var unsaved = false;

  var storage = null;
  try {
    storage = window.localStorage;
    storage.setItem(data.storage_key + "?", "1");
    storage.removeItem(data.storage_key + "?");
  } catch (error) {
    storage = null;
    document.getElementById("storage-warning").hidden = false;
  }

  function newSession() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
    return { id: hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) +
                 "-" + hex.slice(20), save: 0, respondent: null };
  }

  function chosen(id) {
    var picked = form.querySelector('input[name="answer-' + id + '"]:checked');
    return picked ? picked.value : null;
  }

  function note(id) {
    return document.getElementById("note-" + id).value.trim();
  }

  // How the answer is known: seen, told or believed; null for "say nothing".
  function known(id) {
    var picked = form.querySelector('input[name="evidence-' + id + '"]:checked');
    return picked && picked.value ? picked.value : null;
  }

  // What the page holds now: {respondent, answers: {id: {option, note, evidence}}}. Only an
  // answer with an option carries how it is known (not applicable and don't know do not).
  function current() {
    var answers = {};
    data.questions.forEach(function (id) {
      var option = chosen(id), text = note(id), evidence = known(id);
      if (option === null || data.reserved.indexOf(option) >= 0) { evidence = null; }
      if (option !== null || text) {
        answers[id] = {};
        if (option !== null) { answers[id].option = option; }
        if (evidence !== null) { answers[id].evidence = evidence; }
        if (text) { answers[id].note = text; }
      }
    });
    return { respondent: respondent.value.trim(), anonymous: anonymous.checked, answers: answers };
  }

  // Only work not yet saved is kept in the browser: once saved, the answers are in the
  // downloaded file, and the form opens empty for whoever uses this device next.
  function keep() {
    unsaved = true;
    if (!storage) { return; }
    try {
      var held = current();
      held.session = session;
      storage.setItem(data.storage_key, JSON.stringify(held));
    } catch (error) {
      document.getElementById("storage-warning").hidden = false;
    }
  }

  function forget() {
    if (storage) { storage.removeItem(data.storage_key); }
  }

  function restore() {
    var kept = null;
    try { kept = storage && JSON.parse(storage.getItem(data.storage_key) || "null"); } catch (error) { kept = null; }
    if (!kept || typeof kept !== "object") { return; }
    if (typeof kept.respondent === "string") { respondent.value = kept.respondent; }
    anonymous.checked = kept.anonymous === true;
    var was = kept.session;
    if (was && typeof was === "object" && typeof was.id === "string" && /^[A-Za-z0-9-]{8,64}$/.test(was.id) &&
        typeof was.save === "number" && was.save >= 0 && was.save < 1000000) {
      session = { id: was.id, save: Math.floor(was.save),
                  respondent: typeof was.respondent === "string" ? was.respondent : null };
    }
    unsaved = true;
    var answers = kept.answers && typeof kept.answers === "object" ? kept.answers : {};
    data.questions.forEach(function (id) {
      var answer = answers[id];
      if (!answer || typeof answer !== "object") { return; }
      if (typeof answer.option === "string") {
        form.querySelectorAll('input[name="answer-' + id + '"]').forEach(function (input) {
          input.checked = input.value === answer.option;
        });
      }
      if (typeof answer.evidence === "string") {
        form.querySelectorAll('input[name="evidence-' + id + '"]').forEach(function (input) {
          input.checked = input.value === answer.evidence;
        });
      }
      if (typeof answer.note === "string") { document.getElementById("note-" + id).value = answer.note; }
    });
  }

  function showProgress() {
    var done = data.questions.filter(function (id) { return chosen(id) !== null; }).length;
    var bar = document.getElementById("progress");
    bar.value = done;
    bar.textContent = done + " of " + data.questions.length;
    document.getElementById("progress-text").textContent = done + " of " + data.questions.length;
    Object.keys(data.parts).forEach(function (part) {
      var ids = data.parts[part];
      var answered = ids.filter(function (id) { return chosen(id) !== null; }).length;
      var count = document.querySelector('[data-part-count="' + part + '"]');
      count.textContent = answered + " of " + ids.length;
      count.classList.toggle("done", answered === ids.length);
    });
    return done;
  }

  // JSON that goodlooks' YAML reader takes exactly as written: characters YAML treats as line
  // breaks or refuses are written as \u escapes, and a lone surrogate becomes U+FFFD.
  function wellFormed(text) {
    return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      function (match, before) { return (before || "") + "\uFFFD"; });
  }

  function fileText(value) {
    return JSON.stringify(value, function (key, item) {
      return typeof item === "string" ? wellFormed(item) : item;
    }, 2)
      .replace(/[\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]/g, function (character) {
        return "\\u" + ("0000" + character.charCodeAt(0).toString(16)).slice(-4);
      }) + "\n";
  }

  function slug(text) {
    var cleaned = text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return cleaned.slice(0, 40).replace(/-+$/g, "") || "anonymous";
  }

  function today() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function save() {
    var held = current();
    if (session.save && session.respondent !== held.respondent) {
      session = newSession();  // another name than the last save's: another person
    }
    session.save += 1;
    session.respondent = held.respondent;
    var file = { bank: data.bank, answers: held.answers };
    if (held.respondent) { file.respondent = held.respondent; }
    if (held.anonymous) { file.anonymous = true; }
    if (data.only.length) { file.only = data.only; }
    file.form = { session: session.id, save: session.save, saved_at: new Date().toISOString() };
    var name = "answers-" + slug(held.respondent) + "-" + today() + ".json";
    var blob = new Blob([fileText(file)], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    unsaved = false;
    forget();
    var done = showProgress(), left = data.questions.length - done;
    statusLine.textContent = "Saved " + name + " to your downloads: send that file back. " +
      (left ? left + " question" + (left === 1 ? " is" : "s are") + " still unanswered; you can answer " +
              "them and save again (the later save replaces this one). " : "Every question is answered. Thank you. ") +
      "This browser no longer keeps these answers. On a shared device, press Clear for the next person.";
    nextPerson.hidden = false;
  }

  function startAgain(message) {
    form.reset();
    forget();
    session = newSession();
    unsaved = false;
    nextPerson.hidden = true;
    showProgress();
    statusLine.textContent = message;
    respondent.focus();
  }

  function clearAll() {
    if (!window.confirm("Clear every answer and note in this form, and start again?")) { return; }
    startAgain("Cleared: every answer and note is gone from this form.");
  }

  function clearForNextPerson() {
    if (unsaved && !window.confirm("Some answers changed since they were saved. Clear them anyway?")) { return; }
    startAgain("Ready for the next person: the form is empty. The answers saved before are in the file " +
               "that was downloaded.");
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", function () { keep(); showProgress(); });
  form.addEventListener("input", keep);
  document.getElementById("save").addEventListener("click", save);
  document.getElementById("clear").addEventListener("click", clearAll);
  nextPerson.addEventListener("click", clearForNextPerson);
  restore();
  showProgress();
}());

(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("form-data").textContent);
  var form = document.getElementById("answers-form");
  var respondent = document.getElementById("respondent");
  var statusLine = document.getElementById("status");

  var storage = null;
  try {
    storage = window.localStorage;
    storage.setItem(data.storage_key + "?", "1");
    storage.removeItem(data.storage_key + "?");
  } catch (error) {
    storage = null;
    document.getElementById("storage-warning").hidden = false;
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
    return { respondent: respondent.value.trim(), answers: answers };
  }

  function keep() {
    if (!storage) { return; }
    try {
      storage.setItem(data.storage_key, JSON.stringify(current()));
    } catch (error) {
      document.getElementById("storage-warning").hidden = false;
    }
  }

  function restore() {
    var kept = null;
    try { kept = storage && JSON.parse(storage.getItem(data.storage_key) || "null"); } catch (error) { kept = null; }
    if (!kept || typeof kept !== "object") { return; }
    if (typeof kept.respondent === "string") { respondent.value = kept.respondent; }
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
    var file = { bank: data.bank, answers: held.answers };
    if (held.respondent) { file.respondent = held.respondent; }
    if (data.only.length) { file.only = data.only; }
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
    var done = showProgress(), left = data.questions.length - done;
    statusLine.textContent = "Saved " + name + " to your downloads: send that file back. " +
      (left ? left + " question" + (left === 1 ? " is" : "s are") + " still unanswered; you can answer " +
              "them and save again." : "Every question is answered. Thank you.");
  }

  function clearAll() {
    if (!window.confirm("Clear every answer and note in this form, and start again?")) { return; }
    form.reset();
    if (storage) { storage.removeItem(data.storage_key); }
    showProgress();
    statusLine.textContent = "Cleared: every answer and note is gone from this form.";
    respondent.focus();
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", function () { keep(); showProgress(); });
  form.addEventListener("input", keep);
  document.getElementById("save").addEventListener("click", save);
  document.getElementById("clear").addEventListener("click", clearAll);
  restore();
  showProgress();
}());

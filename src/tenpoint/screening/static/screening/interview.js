// Skip logic while the officer answers: the server (the same XLSForm expressions Tenpoint checks
// on save) says which questions apply; this only shows or hides them, never replaces an input.
(function () {
  var form = document.querySelector("form[data-relevance-url]");
  if (!form) { return; }
  var pending = null;
  function refresh() {
    var body = new FormData(form);
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (pending) { pending.abort(); }
    pending = new AbortController();
    // "no" until the latest change is answered (an aborted request never says "yes"): what a
    // person or a browser test waits for before the questions shown can be trusted.
    form.dataset.relevanceAnswered = "no";
    fetch(form.dataset.relevanceUrl, {
      method: "POST", body: body, signal: pending.signal, credentials: "same-origin",
      headers: {"X-Tenpoint-Relevance": "1", "X-CSRFToken": token ? token.value : ""}
    }).then(function (response) { return response.json(); }).then(function (data) {
      var visible = new Set(data.visible);
      form.querySelectorAll("[data-question]").forEach(function (question) {
        question.hidden = !visible.has(question.dataset.question);
      });
      form.querySelectorAll("fieldset[data-section]").forEach(function (section) {
        var shown = section.querySelector("[data-question]:not([hidden]), .note");
        section.hidden = !shown;
      });
      form.dataset.relevanceAnswered = "yes";
    }).catch(function () { /* offline or aborted: every question stays answerable */ });
  }
  form.addEventListener("change", refresh);
})();

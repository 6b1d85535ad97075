/* Progressive enhancement of the complaint form; the form works fully without it. */
(function () {
  "use strict";
  var form = document.getElementById("complaint-form");

  // Errors: move focus to the summary so screen reader and keyboard users start there.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  if (!form) { return; }

  // Show the fields that belong to the chosen "on whose behalf" answer only.
  var dependants = form.querySelectorAll("[data-show-when]");
  function syncRepresentative() {
    var checked = form.querySelector("input[name=representative]:checked");
    var value = checked ? checked.value : "self";
    dependants.forEach(function (el) {
      var invalid = el.classList.contains("utrecht-form-field--invalid");
      el.hidden = !invalid && el.getAttribute("data-show-when") !== value;
    });
  }
  form.querySelectorAll("input[name=representative]").forEach(function (radio) {
    radio.addEventListener("change", syncRepresentative);
  });
  syncRepresentative();

  // Organisation suggestions from the register, while typing; free text stays allowed.
  var input = document.getElementById("id_organisation_name");
  var list = document.getElementById("organisation-suggestions");
  var url = form.getAttribute("data-suggestions-url");
  var timer = null;
  if (input && list && url && window.fetch) {
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < 2) { return; }
      timer = window.setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.textContent = "";
            (data.suggestions || []).forEach(function (name) {
              var option = document.createElement("option");
              option.value = name;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are a help, not a requirement */ });
      }, 200);
    });
  }

  // One submit at a time: a second click while the first is on its way does nothing.
  var sending = false;
  form.addEventListener("submit", function (event) {
    if (sending) { event.preventDefault(); return; }
    sending = true;
  });
  window.addEventListener("pageshow", function () { sending = false; });
})();

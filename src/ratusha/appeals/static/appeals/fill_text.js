// A select with data-fills="ID" puts the chosen option's data-text into the text box ID,
// for the officer to edit before sending (the body's common questions to applicants).
// Without JavaScript the server takes the chosen text when the box is left empty.
//
// A form with data-fill-into="ID" (the answer templates) does the same when it is sent,
// instead of reloading the page, and asks first when the box holds other text (the
// question is the form's data-replace-question). Without JavaScript the page reloads
// with the template in an empty draft.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-fill-into]")) { return; }
    var box = document.getElementById(form.getAttribute("data-fill-into"));
    var select = form.querySelector("select");
    var option = select ? select.options[select.selectedIndex] : null;
    var text = option ? option.getAttribute("data-text") : null;
    if (!box || text === null) { return; }
    event.preventDefault();
    var typed = box.value.trim();
    if (typed && typed !== text.trim() &&
        !window.confirm(form.getAttribute("data-replace-question"))) { return; }
    box.value = text;
    box.focus();
  });
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select.matches || !select.matches("select[data-fills]")) { return; }
    var box = document.getElementById(select.getAttribute("data-fills"));
    var option = select.options[select.selectedIndex];
    var text = option ? option.getAttribute("data-text") : null;
    if (box && text !== null) { box.value = text; }
  });
})();

// A select with data-fills="ID" puts the chosen option's data-text into the text box ID,
// for the officer to edit before sending (the body's common questions to applicants).
// Without JavaScript the server takes the chosen text when the box is left empty.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select.matches || !select.matches("select[data-fills]")) { return; }
    var box = document.getElementById(select.getAttribute("data-fills"));
    var option = select.options[select.selectedIndex];
    var text = option ? option.getAttribute("data-text") : null;
    if (box && text !== null) { box.value = text; }
  });
})();

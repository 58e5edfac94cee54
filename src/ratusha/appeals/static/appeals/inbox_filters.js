// After htmx fills the filter form's error slots (out of band), mark each field as the
// server did on a full page: aria-invalid, aria-describedby and the has-error class.
// The inputs themselves are not replaced, so the focus and what is being typed stay.
//
// A field the browser itself finds invalid (a date typed only in part) stops htmx from
// sending the form at all (htmx:validation:halted), so no answer would say why the
// results did not change: its slot and the summary are filled here instead, with the
// page's own translated words (the form's data-incomplete and data-summary-title).
"use strict";
(() => {
  function mark() {
    for (const form of document.querySelectorAll("form[data-field-errors]")) {
      for (const field of form.querySelectorAll(".field")) {
        const input = field.querySelector("input, select, textarea");
        if (!input || !input.id) continue;
        const invalid = document.getElementById(input.id + "_error") !== null;
        field.classList.toggle("has-error", invalid);
        if (invalid) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
        const described = [input.id + "_helptext", input.id + "_error"].filter(
          (id) => document.getElementById(id) !== null,
        );
        if (described.length) input.setAttribute("aria-describedby", described.join(" "));
        else input.removeAttribute("aria-describedby");
      }
    }
  }

  function halted(event) {
    const form = event.detail.elt.closest("form[data-field-errors]");
    if (!form) return;
    const list = document.createElement("ul");
    for (const { elt } of event.detail.errors) {
      const slot = elt.id && document.getElementById(elt.id + "_errors");
      if (!slot) continue;
      const error = document.createElement("p");
      error.className = "error";
      error.id = elt.id + "_error";
      error.textContent = form.dataset.incomplete;
      slot.replaceChildren(error);
      const label = form.querySelector(`label[for="${elt.id}"]`);
      const link = document.createElement("a");
      link.href = "#" + elt.id;
      link.textContent = `${label ? label.textContent : elt.name}: ${form.dataset.incomplete}`;
      const item = document.createElement("li");
      item.append(link);
      list.append(item);
    }
    const summary = document.getElementById("inbox-filter-errors");
    if (summary && list.children.length) {
      const box = document.createElement("div");
      box.className = "error-summary";
      const title = document.createElement("h2");
      title.textContent = form.dataset.summaryTitle;
      box.append(title, list);
      summary.replaceChildren(box);
    }
    mark();
  }

  document.addEventListener("htmx:afterSettle", mark);
  document.addEventListener("htmx:validation:halted", halted);
})();

// After htmx fills the filter form's error slots (out of band), mark each field as the
// server did on a full page: aria-invalid, aria-describedby and the has-error class.
// The inputs themselves are not replaced, so the focus and what is being typed stay.
"use strict";
document.addEventListener("htmx:afterSettle", () => {
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
});

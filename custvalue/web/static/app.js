// custvalue workbench: the little script the pages use (no inline script: CSP).
// Buttons with data-confirm ask before their form is sent.
"use strict";
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  var text = button && button.getAttribute("data-confirm");
  if (text && !window.confirm(text)) {
    event.preventDefault();
  }
});

/* Calculator pages: after a submit, move focus to what the page is about now - the error
 * summary (which links to each field) or the result heading - so keyboard and screen-reader
 * users start there instead of at the top of the page. A link in the error summary puts the
 * focus in its field (a plain #fragment only scrolls), with the field's label in view. */
(function () {
  "use strict";
  var target = document.querySelector("[data-focus-on-load]");
  if (target && typeof target.focus === "function") {
    target.focus();
  }
  var summary = document.getElementById("error-summary");
  if (!summary) {
    return;
  }
  summary.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (!link) {
      return;
    }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) {
      return;
    }
    event.preventDefault();
    var group = field.closest(".form-group") || field;
    group.scrollIntoView();
    field.focus({ preventScroll: true });
  });
}());

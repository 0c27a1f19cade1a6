/* Where the keyboard focus goes when a page loads after a form was sent:
   - the form had errors: to the error summary (#error-summary), whose links lead to each field;
   - it worked: to the confirmation or result marked with data-jobvej-focus. When the page
     was opened at a fragment (#goal: "saved in this section"), the confirmation is moved to
     the top of that section first, so it stands where the reader lands.
   Without JavaScript nothing changes: the summary still has role="alert". */
(function () {
  "use strict";
  function moveFocus() {
    var target = document.getElementById("error-summary") ||
      document.querySelector("[data-jobvej-focus]");
    if (!target) { return; }
    var anchor = window.location.hash ?
      document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
    if (anchor && target.hasAttribute("data-jobvej-focus") && !anchor.contains(target) &&
        anchor.tagName === "SECTION") {
      anchor.insertBefore(target, anchor.firstChild);
    }
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus({ preventScroll: false });
    if (target.scrollIntoView) { target.scrollIntoView({ block: "start" }); }
  }
  /* A link in the error summary focuses its field (the browser would only scroll to it). */
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("#error-summary a[href^='#']") : null;
    if (!link) { return; }
    var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!field) { return; }
    event.preventDefault();
    field.focus();
    var group = field.closest(".form-group");
    (group || field).scrollIntoView({ block: "center" });
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", moveFocus);
  } else {
    moveFocus();
  }
  /* Scrolling to a #fragment after loading can take the focus back to the page: restore it. */
  window.addEventListener("load", function () {
    if (document.activeElement === document.body) { moveFocus(); }
  });
})();

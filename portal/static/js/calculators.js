/* Calculator pages: after a submit, move focus to what the page is about now - the error
 * summary (which links to each field) or the result heading - so keyboard and screen-reader
 * users start there instead of at the top of the page. No other behaviour. */
(function () {
  "use strict";
  var target = document.querySelector("[data-focus-on-load]");
  if (target && typeof target.focus === "function") {
    target.focus();
  }
}());

/* Progressive enhancement for filter panels; every page works without it.
   - A panel marked data-inv-open-wide starts open on a wide screen, where it sits beside
     the results; on a phone it stays closed so the results come first.
   - After filtering, focus moves to the element marked data-inv-focus-on-load (the result
     count), so a screen reader announces it and the next Tab goes on from there, as the
     GOV.UK error summary does. */
(function () {
  "use strict";
  if (window.matchMedia("(min-width: 48em)").matches) {
    document.querySelectorAll("details[data-inv-open-wide]").forEach(function (panel) {
      panel.open = true;
    });
  }
  var target = document.querySelector("[data-inv-focus-on-load]");
  if (target) {
    target.focus();
  }
})();

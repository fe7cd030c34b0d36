// Kring: small progressive enhancements. Every page works without this file.
//
// 1. After a failed submit, move focus to the error summary (#form-errors), so screen-reader and
//    keyboard users land on the list of what to fix.
// 2. A link in the error summary focuses its field and scrolls so the field's label stays in view;
//    a field inside a closed <details> is opened first.
// 3. htmx: while a fragment loads the target is aria-busy; after a swap a short message (the result
//    count) is read out instead of the whole swapped table, and focus moves to an error summary or
//    [data-kring-focus] element in the new content. Focus is never moved away from a field the user
//    is typing in.
// 4. A button with [data-print] prints the page (print pages: no inline script under the CSP).
(function () {
  "use strict";

  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function announcer() {
    return document.getElementById("kring-announcer");
  }

  // Clear first, then set after a tick: screen readers read a repeated message again.
  function announce(text) {
    var region = announcer();
    if (!region || !text) return;
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = text;
    }, 100);
  }

  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("#form-errors");
    if (!summary) return false;
    summary.focus({ preventScroll: true });
    summary.scrollIntoView({ block: "start", behavior: reduceMotion ? "auto" : "smooth" });
    return true;
  }

  function focusableIn(element) {
    if (element.matches("input, select, textarea, button, a[href]")) return element;
    return element.querySelector("input:not([type=hidden]), select, textarea, button");
  }

  function onErrorLinkClick(event) {
    var link = event.target.closest("#form-errors a[href^='#']");
    if (!link) return;
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) return;
    var input = focusableIn(target);
    if (!input) return;
    event.preventDefault();
    var details = input.closest("details");
    if (details && !details.open) details.open = true;
    var field = input.closest(".field") || input;
    input.focus({ preventScroll: true });
    field.scrollIntoView({ block: "start", behavior: reduceMotion ? "auto" : "smooth" });
  }

  function typingIn(element) {
    var active = document.activeElement;
    return active && active !== document.body && element.contains(active) === false &&
      active.matches("input, select, textarea");
  }

  function init() {
    focusErrorSummary(document);
    document.addEventListener("click", onErrorLinkClick);

    // htmx (vendored) fires these events on the element that made the request.
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      var target = event.detail.target;
      if (target) target.setAttribute("aria-busy", "true");
    });

    document.body.addEventListener("htmx:afterRequest", function (event) {
      var target = event.detail.target;
      if (target) target.removeAttribute("aria-busy");
    });

    // A live region around a whole table makes screen readers read every row; we announce the
    // result count ourselves (see afterSwap), so the target stops being a live region.
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      var target = event.detail.target;
      if (target && target.hasAttribute("aria-live")) target.removeAttribute("aria-live");
    });

    document.body.addEventListener("htmx:afterSwap", function (event) {
      var target = event.detail.target;
      // An outerHTML swap replaces the target itself: look for what took its place, by its id.
      if (target && !target.isConnected && target.id) target = document.getElementById(target.id);
      if (!target) return;
      var explicit = target.querySelector("[data-announce]");
      var parts = explicit ? [explicit.getAttribute("data-announce")] :
        Array.prototype.map.call(target.querySelectorAll(".result-count, .empty-state"), function (el) {
          return el.textContent.trim();
        });
      announce(parts.join(" "));
      if (typingIn(target)) return;
      if (focusErrorSummary(target)) return;
      var focusTarget = target.querySelector("[data-kring-focus]");
      if (focusTarget) {
        if (!focusTarget.hasAttribute("tabindex") && !focusableIn(focusTarget)) {
          focusTarget.setAttribute("tabindex", "-1");
        }
        focusTarget.focus();
      }
    });

    // Without this a failed update looks like nothing happened. Show it next to what did not update.
    function onFailure(event) {
      var region = announcer();
      var text = region && region.getAttribute("data-failed");
      var target = event.detail.target;
      if (!text || !target) return;
      var notice = document.getElementById("kring-update-failed");
      if (!notice) {
        notice = document.createElement("p");
        notice.id = "kring-update-failed";
        notice.className = "alert alert--error";
        notice.setAttribute("role", "alert");
        target.parentNode.insertBefore(notice, target);
      }
      notice.textContent = text;
    }
    document.body.addEventListener("htmx:afterSwap", function () {
      var notice = document.getElementById("kring-update-failed");
      if (notice) notice.remove();
    });
    document.body.addEventListener("htmx:responseError", onFailure);
    document.body.addEventListener("htmx:sendError", onFailure);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) {
      window.print();
    }
  });
})();

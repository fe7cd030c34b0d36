// Kring mapping session ("Wie is belangrijk voor jou?") on a tablet. Everything here also works without
// JavaScript: every tap is a form, and each name has a form to put it on the map without dragging.
//
// 1. Quick add: every new name gets a random request key, kept when the same name is sent again after a
//    failed try, so a double tap or a retry names no one twice.
// 2. After a step is re-drawn, focus goes back where it was (the name field, the chip tapped, the question).
// 3. Drag a name from the tray onto the map, or a name on the map to another place (mouse, pen, finger);
//    or tap a name and then the place on the map.
// 4. Answers with a message (422) are shown; an expired login goes to the login page and back here.
// 5. A double tap is one tap, also when the first one's answer is already on the screen.
// 6. A tap sent while the connection dropped is sent again a little later.
// 7. A large network: "Zoek een naam" narrows the names as you type, "Toon alle … namen" shows them all;
//    what was typed (and a list opened) stays after a tap re-draws the step.
(function () {
  "use strict";

  var DRAG_THRESHOLD = 6; // px before a press becomes a drag
  var drag = null;
  var focusAfter = null;
  var focusFallback = null;

  function csrfToken() {
    var input = document.querySelector("#session-step input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // A second tap on "Toevoegen" right after a name was sent finds the field emptied by the redraw: it is
  // the same tap twice, not an attempt to add nobody, so it is dropped instead of answered with a message.
  var DOUBLE_TAP_MS = 1500;
  var lastNameSentAt = 0;

  // 1. The request key of a quick add: new for a new name, the same for the same name sent again.
  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt;
    if (!form || !form.matches || !form.matches("form[data-name-form]")) { return; }
    var name = String(event.detail.parameters.name || "").trim();
    if (!name && Date.now() - lastNameSentAt < DOUBLE_TAP_MS) {
      event.preventDefault();
      return;
    }
    if (name) { lastNameSentAt = Date.now(); }
    if (!form.sessionKey || form.sessionKeyFor !== name) {
      form.sessionKey = newKey();
      form.sessionKeyFor = name;
    }
    event.detail.parameters.request_key = form.sessionKey;
  });

  // 2. Remember what should have focus after the swap: what the form asks for, else the button tapped.
  document.addEventListener("htmx:configRequest", function (event) {
    var elt = event.detail.elt;
    var trigger = event.detail.triggeringEvent;
    var submitter = trigger && trigger.submitter;
    var active = document.activeElement;
    var asked = (elt && elt.getAttribute && elt.getAttribute("data-focus-after")) ||
      event.detail.headers["X-Kring-Focus"]; // a request sent again (6.)
    focusAfter = asked ||
      (submitter && submitter.id ? "#" + submitter.id : null) ||
      (active && active.id ? "#" + active.id : null);
    // What the form asked for may be gone (the last name placed: no "Waar hoort …?" any more): the title then.
    focusFallback = asked ? "#session-heading" : null;
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.detail.target || event.detail.target.id !== "session-step") { return; }
    restoreFind(); // (7.) first: a name found again is in view again, and can have the focus
    var wanted = (focusAfter && document.querySelector(focusAfter)) ||
      (focusFallback && document.querySelector(focusFallback));
    focusAfter = focusFallback = null;
    if (wanted && wanted.closest("[hidden]")) {
      // The name tapped went out of view (a new search after a pair was made): the search field then.
      wanted = document.getElementById("session-find");
    }
    if (!wanted) { return; }
    if (!wanted.matches("input, button, select, a[href]") && !wanted.hasAttribute("tabindex")) {
      wanted.setAttribute("tabindex", "-1");
    }
    wanted.focus({ preventScroll: true });
    if (wanted.matches("h1")) {
      window.scrollTo(0, 0);
    } else if (wanted.hasAttribute("data-focus-scroll")) {
      // The next "Waar hoort …?" at the top of the screen, its buttons below it.
      wanted.scrollIntoView({ block: "start" });
    }
  });

  // 4. A message (422) carries the re-drawn step: show it. An expired login: log in and come back here.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    var login = document.body.getAttribute("data-login-url");
    if (login && xhr.responseURL && new URL(xhr.responseURL).pathname === login) {
      event.detail.shouldSwap = false;
      window.location.href = login + "?next=" + encodeURIComponent(window.location.pathname);
      return;
    }
    if (xhr.status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // A double tap is one tap. While the first is on its way htmx drops the second (hx-sync), but on a quick
  // connection the step is already re-drawn when the second lands, on what is now under the finger: the
  // same name's chip with the opposite meaning, the next card's "Volgende vraag", the next person's
  // button for the same place. So a second tap on the same spot right after the first is ignored; taps
  // on other spots (naming several people quickly) and the keyboard are not.
  var SAME_TAP_MS = 500;
  var SAME_TAP_PX = 24;
  var lastTap = null;
  document.addEventListener("click", function (event) {
    if (event.detail === 0 || !event.target.closest) { return; } // keyboard
    if (!event.target.closest("#session-step button, #session-step a[href]")) { return; }
    var now = Date.now();
    if (lastTap && now - lastTap.at < SAME_TAP_MS &&
        Math.abs(event.clientX - lastTap.x) < SAME_TAP_PX && Math.abs(event.clientY - lastTap.y) < SAME_TAP_PX) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    lastTap = { at: now, x: event.clientX, y: event.clientY };
  }, true);

  // 6. A tap sent while the connection dropped (the tablet left the wifi for a moment) is sent again, a few
  // times, a little later each time. Every session request means the same when it arrives twice (the
  // name's request key, "on"/"off", the place, the pairs known), so a request whose answer was lost
  // changes nothing twice.
  var RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000];

  function retryText() {
    var region = document.getElementById("kring-announcer");
    return region ? region.getAttribute("data-retrying") : "";
  }

  document.addEventListener("htmx:sendError", function (event) {
    var config = event.detail.requestConfig;
    if (!config || config.path.indexOf("/sessie/") < 0) { return; }
    var attempt = (config.headers["X-Kring-Attempt"] | 0) + 1;
    if (attempt > RETRY_DELAYS_MS.length) { return; } // kring.js says it did not work: the person tries again
    var notice = document.getElementById("kring-update-failed");
    if (notice && retryText()) { notice.textContent = retryText(); }
    var values = {};
    if (config.verb !== "get") {
      config.formData.forEach(function (value, key) { values[key] = value; });
    }
    // Exactly what was sent the first time (not what the form holds by now), and the same focus after it.
    var headers = { "X-CSRFToken": csrfToken(), "X-Kring-Attempt": String(attempt) };
    var focus = config.headers["X-Kring-Focus"] ||
      (config.elt && config.elt.getAttribute && config.elt.getAttribute("data-focus-after"));
    if (focus) { headers["X-Kring-Focus"] = focus; }
    window.setTimeout(function () {
      window.htmx.ajax(config.verb.toUpperCase(), config.path,
        { target: "#session-step", swap: "outerHTML", values: values, headers: headers });
    }, RETRY_DELAYS_MS[attempt - 1]);
  });

  // Forms without htmx (start, Klaar): a double tap sends them once.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("hx-post")) { return; }
    if (form.hasAttribute("data-find-form")) { // the names are already narrowed as they were typed
      event.preventDefault();
      return;
    }
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "true";
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sent]").forEach(function (form) { delete form.dataset.sent; });
  });

  // 3. Drag and drop onto the map, or tap a name and then the map.
  function map() { return document.getElementById("session-map"); }

  function svgPoint(svg, clientX, clientY) {
    var point = svg.createSVGPoint();
    point.x = clientX;
    point.y = clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse());
  }

  function overMap(clientX, clientY) {
    var figure = map();
    if (!figure) { return false; }
    var box = figure.getBoundingClientRect();
    return clientX >= box.left && clientX <= box.right && clientY >= box.top && clientY <= box.bottom;
  }

  function placeUrl(node) {
    return map().dataset.placeUrl.replace(/\/0\/plaats\/$/, "/" + node.dataset.memberId + "/plaats/");
  }

  function place(url, svg, clientX, clientY) {
    var drop = svgPoint(svg, clientX, clientY);
    return window.htmx.ajax("POST", url, {
      target: "#session-step",
      swap: "outerHTML",
      values: { x: drop.x.toFixed(1), y: drop.y.toFixed(1) },
      headers: { "X-CSRFToken": csrfToken() }
    });
  }

  // The name tapped (not dragged): the next tap on the map puts it there.
  function selectedChip() { return document.querySelector("[data-drag-person][aria-pressed=true]"); }

  function select(chip) {
    var current = selectedChip();
    if (current) { current.setAttribute("aria-pressed", "false"); }
    var hint = document.getElementById("place-hint");
    if (chip && chip !== current) {
      chip.setAttribute("aria-pressed", "true");
      if (hint) {
        hint.querySelector("[data-hint-name]").textContent = chip.textContent.trim();
        hint.hidden = false;
      }
    } else if (hint) {
      hint.hidden = true;
    }
  }

  document.addEventListener("pointerdown", function (event) {
    if (drag || (event.pointerType === "mouse" && event.button !== 0)) { return; }
    var target = event.target;
    var figure = map();
    if (!target.closest || !figure) { return; }
    var svg = figure.querySelector("svg");
    var chip = target.closest("[data-drag-person]");
    var node = chip ? null : target.closest("#session-map g.member[data-member-id]");
    var selected = !chip && target.closest("#session-map svg") ? selectedChip() : null;
    if (!chip && !node && !selected) { return; }
    drag = {
      chip: chip,
      node: node,
      tap: !chip && !node, // a tap on the map for the selected name: the page may still scroll
      tapUrl: selected ? selected.dataset.placeUrl : null, // where a tap (not a drag) on the map goes
      svg: svg,
      url: chip ? chip.dataset.placeUrl : node ? placeUrl(node) : selected.dataset.placeUrl,
      startX: event.clientX,
      startY: event.clientY,
      pointerId: event.pointerId,
      moved: false
    };
    if (node) {
      drag.origin = svgPoint(svg, event.clientX, event.clientY);
    } else if (chip) {
      var box = chip.getBoundingClientRect();
      drag.offsetX = event.clientX - box.left;
      drag.offsetY = event.clientY - box.top;
    }
  });

  function startDrag(event) {
    drag.moved = true;
    if (drag.tap) { return; }
    var el = drag.chip || drag.node;
    try { el.setPointerCapture(event.pointerId); } catch (e) { /* not every SVG element can capture */ }
    if (drag.chip) {
      select(null);
      var ghost = drag.chip.cloneNode(true);
      ghost.removeAttribute("data-drag-person");
      ghost.removeAttribute("id");
      ghost.setAttribute("aria-hidden", "true");
      ghost.classList.add("session-chip--ghost");
      document.body.appendChild(ghost);
      drag.ghost = ghost;
      drag.chip.classList.add("is-dragging");
    } else {
      drag.node.classList.add("member--dragging");
    }
  }

  document.addEventListener("pointermove", function (event) {
    if (!drag || event.pointerId !== drag.pointerId) { return; }
    var dx = event.clientX - drag.startX;
    var dy = event.clientY - drag.startY;
    if (!drag.moved) {
      if (Math.abs(dx) + Math.abs(dy) < DRAG_THRESHOLD) { return; }
      startDrag(event);
    }
    if (drag.tap) { return; }
    event.preventDefault();
    if (drag.ghost) {
      // CSSOM, not a style attribute: allowed under the Content-Security-Policy.
      drag.ghost.style.transform = "translate(" + (event.clientX - drag.offsetX) + "px, " +
        (event.clientY - drag.offsetY) + "px)";
    } else {
      var here = svgPoint(drag.svg, event.clientX, event.clientY);
      drag.node.setAttribute("transform", "translate(" + (here.x - drag.origin.x) + " " + (here.y - drag.origin.y) + ")");
    }
    var figure = map();
    if (figure) { figure.classList.toggle("is-drop-target", overMap(event.clientX, event.clientY)); }
  });

  function cleanUp(finished) {
    if (finished.ghost) { finished.ghost.remove(); }
    if (finished.chip) { finished.chip.classList.remove("is-dragging"); }
    if (finished.node) {
      finished.node.classList.remove("member--dragging");
      finished.node.removeAttribute("transform");
    }
    var figure = map();
    if (figure) { figure.classList.remove("is-drop-target"); }
  }

  function endDrag(event, cancelled) {
    if (!drag || event.pointerId !== drag.pointerId) { return; }
    var finished = drag;
    drag = null;
    if (cancelled) { cleanUp(finished); return; }
    if (!finished.moved) {
      if (finished.chip) { select(finished.chip); }
      if (finished.tapUrl) { place(finished.tapUrl, finished.svg, event.clientX, event.clientY); }
      return;
    }
    if (finished.tap) { return; } // the page was scrolled, not the map tapped
    if (finished.ghost) { finished.ghost.remove(); finished.ghost = null; }
    place(finished.url, finished.svg, event.clientX, event.clientY)
      .then(function () { cleanUp(finished); }, function () { cleanUp(finished); });
  }

  // A finger that starts on a name drags it instead of scrolling the page. touch-action has no effect
  // inside an SVG, so the touchmove is cancelled here while a drag is on; elsewhere the page scrolls.
  document.addEventListener("touchmove", function (event) {
    if (drag && !drag.tap) { event.preventDefault(); }
  }, { passive: false });

  document.addEventListener("pointerup", function (event) { endDrag(event, false); });
  document.addEventListener("pointercancel", function (event) { endDrag(event, true); });

  // Keyboard: Enter or Space on a name selects it too (the click that follows a tap is ignored).
  document.addEventListener("click", function (event) {
    var chip = event.target.closest && event.target.closest("[data-drag-person]");
    if (chip && event.detail === 0) { select(chip); }
  });

  // 7. "Zoek een naam": the same test as the server's (no case, no accents: "zoe" finds "Zoë").
  function folded(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/\s+/g, " ").trim();
  }

  function applyFind(box) {
    var input = box.querySelector("[data-find-input]");
    if (!input) { return; }
    var wanted = folded(input.value);
    var all = box.getAttribute("data-all") === "true";
    var showEmpty = box.getAttribute("data-find-empty") === "all";
    var found = 0;
    box.querySelectorAll("[data-find-item]").forEach(function (item) {
      var match = wanted !== "" && folded(item.getAttribute("data-name")).indexOf(wanted) >= 0;
      if (match) { found += 1; }
      item.hidden = !(all || match || (wanted === "" && showEmpty) || item.hasAttribute("data-find-always"));
    });
    var status = box.querySelector("[role=status]");
    if (status) {
      var text = "";
      if (wanted !== "") {
        text = found === 0 ? status.getAttribute("data-none") : found === 1 ? status.getAttribute("data-one")
          : status.getAttribute("data-many").replace("{count}", String(found));
      }
      if (status.textContent !== text) { status.textContent = text; }
    }
    var toggle = box.querySelector("[data-find-all]");
    if (toggle) {
      toggle.setAttribute("aria-expanded", all ? "true" : "false");
      toggle.textContent = toggle.getAttribute(all ? "data-less" : "data-more");
    }
  }

  function setUpFind(root) {
    root.querySelectorAll("[data-find-submit]").forEach(function (button) { button.hidden = true; });
    root.querySelectorAll("[data-find-all]").forEach(function (toggle) { toggle.setAttribute("role", "button"); });
    root.querySelectorAll("[data-find]").forEach(applyFind);
  }

  document.addEventListener("input", function (event) {
    var input = event.target.closest && event.target.closest("[data-find-input]");
    if (!input) { return; }
    var box = input.closest("[data-find]");
    if (box) { applyFind(box); }
  });

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest("[data-find-all]");
    if (!toggle) { return; }
    var box = toggle.closest("[data-find]");
    if (!box) { return; }
    event.preventDefault();
    box.setAttribute("data-all", box.getAttribute("data-all") === "true" ? "false" : "true");
    applyFind(box);
  });

  // "Toon alle … namen" is a link without JavaScript and a button with it: Space presses it too.
  document.addEventListener("keydown", function (event) {
    if (event.key !== " " || !event.target.matches || !event.target.matches("[data-find-all]")) { return; }
    event.preventDefault();
    event.target.click();
  });

  // What was typed in a search and which lists were open, by key, from before a re-draw of the step to after
  // it. The key holds the card, so the next card starts with an empty search.
  var kept = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (!event.detail.target || event.detail.target.id !== "session-step") { return; }
    kept = {};
    document.querySelectorAll("#session-step [data-find], #session-step [data-keep-open]").forEach(function (el) {
      var input = el.querySelector("[data-find-input]");
      kept[el.getAttribute("data-find") || el.getAttribute("data-keep-open")] = {
        value: input ? input.value : null,
        all: el.getAttribute("data-all"),
        open: el.tagName === "DETAILS" ? el.open : null
      };
    });
  });

  function restoreFind() {
    var before = kept || {};
    kept = null;
    document.querySelectorAll("#session-step [data-find], #session-step [data-keep-open]").forEach(function (el) {
      var was = before[el.getAttribute("data-find") || el.getAttribute("data-keep-open")];
      if (!was) { return; }
      var input = el.querySelector("[data-find-input]");
      if (input && was.value !== null) {
        input.value = was.value;
        input.setSelectionRange(input.value.length, input.value.length);
      }
      if (was.all) { el.setAttribute("data-all", was.all); }
      if (was.open) { el.open = true; }
    });
    setUpFind(document.getElementById("session-step") || document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUpFind(document); });
  } else {
    setUpFind(document);
  }
})();

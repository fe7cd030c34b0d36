// Kring ecogram: drag a member to another circle or sector (mouse, pen and touch), and open a member's
// details beside the map without leaving the page. Everything here also works without JavaScript:
// the nodes are links, and the side panel has a form to move a member.
(function () {
  "use strict";

  var DRAG_THRESHOLD = 6; // px before a press becomes a drag, so a tap still opens the member
  var drag = null;
  var dropped = false; // the next swap of the workspace answers a drop on the map

  function workspace() { return document.getElementById("workspace"); }

  function editableFigure(el) {
    var figure = el.closest("figure.ecogram");
    return figure && figure.dataset.editable === "true" ? figure : null;
  }

  function csrfToken() {
    var input = document.querySelector("#workspace input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function versionOf(memberId) {
    var ws = workspace();
    var pairs = (ws && ws.dataset.versions || "").split(",");
    for (var i = 0; i < pairs.length; i++) {
      var parts = pairs[i].split(":");
      if (parts[0] === String(memberId)) { return parts[1]; }
    }
    return "";
  }

  function moveUrl(memberId) {
    return workspace().dataset.moveUrlTemplate.replace(/0\/verplaatsen\/$/, memberId + "/verplaatsen/");
  }

  function svgPoint(svg, clientX, clientY) {
    var point = svg.createSVGPoint();
    point.x = clientX;
    point.y = clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse());
  }

  function cancelDrag() {
    if (!drag) { return; }
    var cancelled = drag;
    drag = null;
    if (cancelled.frame) { window.cancelAnimationFrame(cancelled.frame); }
    cancelled.node.classList.remove("member--dragging");
    cancelled.node.removeAttribute("transform");
  }

  document.addEventListener("pointerdown", function (event) {
    // A second finger on the screen is a pinch: the browser zooms, nobody is moved.
    if (drag && event.pointerId !== drag.pointerId) { cancelDrag(); return; }
    if (event.button !== 0) { return; }
    var node = event.target.closest && event.target.closest("g.member[data-member-id]");
    if (!node || !editableFigure(node)) { return; }
    var svg = node.ownerSVGElement;
    drag = {
      node: node,
      svg: svg,
      id: node.dataset.memberId,
      startX: event.clientX,
      startY: event.clientY,
      origin: svgPoint(svg, event.clientX, event.clientY),
      moved: false,
      pointerId: event.pointerId,
      lastX: event.clientX,
      lastY: event.clientY,
      frame: 0
    };
  });

  function follow(current) {
    var here = svgPoint(current.svg, current.lastX, current.lastY);
    current.node.setAttribute("transform", "translate(" + (here.x - current.origin.x) + " " + (here.y - current.origin.y) + ")");
  }

  // On the enlarged map, a member held near the edge of its frame scrolls the map along, so they can be
  // taken to a part of the map that was out of sight.
  var EDGE = 48; // px from the frame's edge
  var EDGE_SPEED = 12; // px per frame

  function scrollAlong() {
    var current = drag;
    if (!current) { return; }
    current.frame = 0;
    var scroller = current.node.closest("figure.ecogram--zoomed");
    if (!scroller) { return; }
    var box = scroller.getBoundingClientRect();
    var dx = current.lastX < box.left + EDGE ? -EDGE_SPEED : (current.lastX > box.right - EDGE ? EDGE_SPEED : 0);
    var dy = current.lastY < box.top + EDGE ? -EDGE_SPEED : (current.lastY > box.bottom - EDGE ? EDGE_SPEED : 0);
    if (!dx && !dy) { return; }
    var left = scroller.scrollLeft;
    var top = scroller.scrollTop;
    scroller.scrollLeft += dx;
    scroller.scrollTop += dy;
    if (scroller.scrollLeft === left && scroller.scrollTop === top) { return; }
    follow(current);
    current.frame = window.requestAnimationFrame(scrollAlong);
  }

  document.addEventListener("pointermove", function (event) {
    if (!drag || event.pointerId !== drag.pointerId) { return; }
    var dx = event.clientX - drag.startX;
    var dy = event.clientY - drag.startY;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < DRAG_THRESHOLD) { return; }
    if (!drag.moved) {
      drag.moved = true;
      drag.node.classList.add("member--dragging");
      try { drag.node.setPointerCapture(event.pointerId); } catch (e) { /* not all SVG nodes can capture */ }
    }
    event.preventDefault();
    drag.lastX = event.clientX;
    drag.lastY = event.clientY;
    follow(drag);
    if (!drag.frame) { drag.frame = window.requestAnimationFrame(scrollAlong); }
  });

  function endDrag(event, cancelled) {
    if (!drag || event.pointerId !== drag.pointerId) { return; }
    var finished = drag;
    drag = null;
    if (finished.frame) { window.cancelAnimationFrame(finished.frame); }
    if (!finished.moved) { return; }
    finished.node.classList.remove("member--dragging");
    // The click that follows a drag must not open the member.
    finished.node.addEventListener("click", function (e) { e.preventDefault(); e.stopPropagation(); }, { capture: true, once: true });
    if (cancelled) { finished.node.removeAttribute("transform"); return; }
    var drop = svgPoint(finished.svg, event.clientX, event.clientY);
    dropped = true;
    window.htmx.ajax("POST", moveUrl(finished.id), {
      target: "#workspace",
      swap: "outerHTML",
      values: { x: drop.x.toFixed(1), y: drop.y.toFixed(1), version: versionOf(finished.id) },
      headers: { "X-CSRFToken": csrfToken() }
    });
  }

  // A finger that starts on a member drags it instead of scrolling the page. touch-action has no effect
  // inside an SVG, so the first touchmove is cancelled here; elsewhere the page scrolls as usual.
  // Two fingers are left to the browser (pinch-zoom).
  document.addEventListener("touchmove", function (event) {
    if (drag && event.touches.length === 1) { event.preventDefault(); }
  }, { passive: false });

  document.addEventListener("pointerup", function (event) { endDrag(event, false); });
  document.addEventListener("pointercancel", function (event) { endDrag(event, true); });

  // A tap or Enter on a member opens their details in the side panel.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("figure.ecogram a");
    if (!link || !editableFigure(link) || !window.htmx) { return; }
    var href = link.getAttribute("href") || link.getAttributeNS("http://www.w3.org/1999/xlink", "href");
    if (!href) { return; }
    event.preventDefault();
    window.htmx.ajax("GET", href + "?panel=1", { target: "#member-panel", swap: "innerHTML" }).then(function () {
      var heading = document.getElementById("panel-heading");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    });
  });

  // --- Looking closer: "Kaart vergroten" ---------------------------------------------------------------
  // A network of 150 people is drawn so large that, fitted to a tablet's width, the names come out at 5 px.
  // The button draws the map larger inside its frame, which then scrolls both ways (and a finger on an empty spot
  // pans it). The choice lasts while the page is open: the workspace is swapped whole after every change,
  // so the zoom is put back after each swap, with the same spot of the map in the middle of the frame.
  var READABLE_PX = 11; // names drawn at least this large need no button (a dozen people on a tablet: 13 px)
  var ENLARGED_PX = 13; // enlarged, the names come out at least this large (up to MAX_ZOOM)
  var MAX_ZOOM = 3;
  var zoomed = false;
  var swapCentre = null; // the spot of the map in the middle of the frame before a swap
  var zoomWidth = 0; // the frame's width the zoom was worked out for

  function zoomParts() {
    var tools = document.getElementById("ecogram-tools");
    var figure = document.getElementById("ecogram"); // the map's frame: it scrolls when the map is enlarged
    var svg = figure && figure.querySelector("svg");
    if (!tools || !svg || !svg.viewBox.baseVal || !svg.viewBox.baseVal.width) { return null; }
    return {
      tools: tools,
      button: tools.querySelector(".ecogram-zoom"),
      hint: tools.querySelector(".ecogram-tools__hint"),
      figure: figure,
      svg: svg
    };
  }

  // How large the names are drawn when the map fits its frame's width, in CSS pixels.
  function fittedLabelPx(parts) {
    var fontSize = parseFloat(parts.svg.getAttribute("font-size")) || 16;
    var style = window.getComputedStyle(parts.figure);
    var width = parts.figure.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return fontSize * width / parts.svg.viewBox.baseVal.width;
  }

  function zoomFactor(parts) {
    var factor = Math.ceil(2 * ENLARGED_PX / fittedLabelPx(parts)) / 2; // in steps of a half
    return Math.min(MAX_ZOOM, Math.max(1.5, factor));
  }

  function screenPoint(svg, point) {
    var p = svg.createSVGPoint();
    p.x = point.x;
    p.y = point.y;
    return p.matrixTransform(svg.getScreenCTM());
  }

  // The spot of the map in the middle of what is in sight of the frame (the window may cut it off).
  function centreInSight(parts) {
    var box = parts.figure.getBoundingClientRect();
    var view = window.visualViewport;
    var left = Math.max(box.left, view ? view.offsetLeft : 0);
    var top = Math.max(box.top, view ? view.offsetTop : 0);
    var right = Math.min(box.right, view ? view.offsetLeft + view.width : window.innerWidth);
    var bottom = Math.min(box.bottom, view ? view.offsetTop + view.height : window.innerHeight);
    if (right <= left || bottom <= top) { return null; }
    return svgPoint(parts.svg, (left + right) / 2, (top + bottom) / 2);
  }

  function centreOfBox(parts) {
    var box = parts.figure.getBoundingClientRect();
    return svgPoint(parts.svg, box.left + parts.figure.clientWidth / 2, box.top + parts.figure.clientHeight / 2);
  }

  function centreBoxOn(parts, point) {
    var at = screenPoint(parts.svg, point);
    var box = parts.figure.getBoundingClientRect();
    parts.figure.scrollLeft += at.x - (box.left + parts.figure.clientWidth / 2);
    parts.figure.scrollTop += at.y - (box.top + parts.figure.clientHeight / 2);
  }

  // Show the button where it helps, and draw the map at the size asked for.
  function applyZoom(parts) {
    var helps = fittedLabelPx(parts) < READABLE_PX;
    var on = zoomed && helps;
    parts.tools.hidden = !helps;
    parts.button.setAttribute("aria-pressed", on ? "true" : "false");
    parts.hint.hidden = !on;
    parts.figure.classList.toggle("ecogram--zoomed", on);
    if (on) {
      var factor = zoomFactor(parts);
      parts.figure.style.setProperty("--ecogram-zoom", String(factor));
      parts.figure.dataset.zoom = String(factor);
    } else {
      parts.figure.style.removeProperty("--ecogram-zoom");
      delete parts.figure.dataset.zoom;
    }
    zoomWidth = parts.figure.clientWidth;
    return on;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".ecogram-zoom");
    var parts = button && zoomParts();
    if (!parts) { return; }
    var centre = centreInSight(parts);
    zoomed = !zoomed;
    if (applyZoom(parts)) {
      // The frame is at most 75 % of the window high: bring all of it in sight, then the same spot in its middle.
      parts.figure.scrollIntoView({ block: "nearest" });
      if (centre) { centreBoxOn(parts, centre); }
    } else if (centre) {
      // Back to the whole map: the spot that was in the middle stays in the middle of the window.
      var at = screenPoint(parts.svg, centre);
      var view = window.visualViewport;
      window.scrollBy(0, at.y - (view ? view.offsetTop + view.height / 2 : window.innerHeight / 2));
    }
  });

  // Turning a tablet changes the map's width, and with it whether and how much it needs enlarging.
  window.addEventListener("resize", function () {
    var parts = zoomParts();
    if (!parts || parts.figure.clientWidth === zoomWidth) { return; }
    var centre = zoomed ? centreOfBox(parts) : null;
    if (applyZoom(parts) && centre) { centreBoxOn(parts, centre); }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    if (!event.detail.target || event.detail.target.id !== "workspace") { return; }
    var parts = zoomParts();
    swapCentre = parts && zoomed ? centreOfBox(parts) : null;
  });

  // Twice: htmx first gives the new map the old one's class and style, and when it settles (20 ms later)
  // the ones it came with, which drops the zoom and its scrolling.
  function restoreZoom(event) {
    if (!event.detail.target || event.detail.target.id !== "workspace") { return; }
    var parts = zoomParts();
    if (parts && applyZoom(parts) && swapCentre) { centreBoxOn(parts, swapCentre); }
    if (event.type === "htmx:afterSettle") { swapCentre = null; }
  }

  document.addEventListener("htmx:afterSwap", restoreZoom);
  document.addEventListener("htmx:afterSettle", restoreZoom);

  var firstParts = zoomParts();
  if (firstParts) { applyZoom(firstParts); }

  // The workspace is swapped whole (outerHTML), so the button or link that was pressed is gone and focus
  // would fall back to the page's start. Put it on what answers the press: the list of errors, else the
  // message ("... staat nu op de kaart"), scrolled into view unless a drag on the map made the change.
  // A field the user was typing in keeps its focus (htmx gives it back by its id).
  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.detail.target || event.detail.target.id !== "workspace") { return; }
    var fromDrop = dropped;
    dropped = false;
    var active = document.activeElement;
    if (active && active !== document.body && active.isConnected) { return; }
    var ws = workspace();
    var answer = ws && (ws.querySelector("#form-errors") || ws.querySelector("#workspace-messages"));
    if (!answer) { return; }
    answer.focus({ preventScroll: true });
    if (!fromDrop) { answer.scrollIntoView({ block: "nearest" }); }
  });

  // Errors from htmx requests (422, 409) carry the re-drawn workspace: show it rather than nothing.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 422 || status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();


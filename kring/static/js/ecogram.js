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

  document.addEventListener("pointerdown", function (event) {
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
      pointerId: event.pointerId
    };
  });

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
    var here = svgPoint(drag.svg, event.clientX, event.clientY);
    drag.node.setAttribute("transform", "translate(" + (here.x - drag.origin.x) + " " + (here.y - drag.origin.y) + ")");
  });

  function endDrag(event, cancelled) {
    if (!drag || event.pointerId !== drag.pointerId) { return; }
    var finished = drag;
    drag = null;
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
  document.addEventListener("touchmove", function (event) {
    if (drag) { event.preventDefault(); }
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


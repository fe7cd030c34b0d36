// Kring places: small enhancements of the search. Every page works without this file; the list is the
// whole feature and the map only repeats it.
//
// 1. "Waar ben ik nu?": when the browser can tell where it is, fill in the coordinates and search from there.
// 2. Fields that belong to a box ([data-shown-by="<checkbox id>"]) fold away while the box is not ticked.
// 3. The map (Leaflet, vendored): only when the page has #places-map[data-tiles] (a tile server is set) and
//    Leaflet loaded. The places come from the list itself ([data-place] with data-lat/lon/name/url).
(function () {
  "use strict";

  function initHere() {
    var button = document.querySelector("[data-here]");
    if (!button || !navigator.geolocation) return;
    var form = button.closest("form");
    var coordinates = form && form.querySelector("[name=coordinaten]");
    var origin = form && form.querySelector("[name=vanaf]");
    if (!coordinates || !origin) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      button.textContent = button.getAttribute("data-busy");
      navigator.geolocation.getCurrentPosition(
        function (position) {
          coordinates.value =
            position.coords.latitude.toFixed(5) + ", " + position.coords.longitude.toFixed(5);
          origin.value = "coords";
          form.requestSubmit ? form.requestSubmit() : form.submit();
        },
        function () {
          button.disabled = false;
          button.textContent = label;
          var note = document.createElement("p");
          note.className = "field__error";
          note.setAttribute("role", "alert");
          note.textContent = button.getAttribute("data-failed");
          button.insertAdjacentElement("afterend", note);
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 60000 }
      );
    });
  }

  function initShownBy() {
    var groups = document.querySelectorAll("[data-shown-by]");
    Array.prototype.forEach.call(groups, function (group) {
      var box = document.getElementById(group.getAttribute("data-shown-by"));
      if (!box) return;
      // A group with an error message stays open: the person must see what to fix.
      var sync = function () {
        group.hidden = !box.checked && !group.querySelector(".field--invalid");
      };
      box.addEventListener("change", sync);
      sync();
    });
  }

  function number(value) {
    var parsed = parseFloat(value);
    return isFinite(parsed) ? parsed : null;
  }

  function initMap() {
    var element = document.getElementById("places-map");
    if (!element || !element.getAttribute("data-tiles") || typeof window.L === "undefined") return;
    var L = window.L;
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.getAttribute("data-tiles"), {
      attribution: element.getAttribute("data-attribution") || "",
      maxZoom: 19,
    }).addTo(map);

    var bounds = [];
    var originLat = number(element.getAttribute("data-origin-lat"));
    var originLon = number(element.getAttribute("data-origin-lon"));
    if (originLat !== null && originLon !== null) {
      L.circleMarker([originLat, originLon], {
        radius: 7, color: "#1f2523", weight: 3, fillColor: "#ffd23f", fillOpacity: 1,
      }).addTo(map).bindTooltip(element.getAttribute("data-origin-name") || "");
      bounds.push([originLat, originLon]);
    }

    var items = document.querySelectorAll("[data-place]");
    Array.prototype.forEach.call(items, function (item) {
      var lat = number(item.getAttribute("data-lat"));
      var lon = number(item.getAttribute("data-lon"));
      if (lat === null || lon === null) return;
      var marker = L.circleMarker([lat, lon], {
        radius: 8, color: "#063f3e", weight: 2, fillColor: "#0a5c5a", fillOpacity: 0.85,
      }).addTo(map);
      // Text only (no HTML from the data): a link to the place's page.
      var popup = document.createElement("a");
      popup.textContent = item.getAttribute("data-name") || "";
      var url = item.getAttribute("data-url");
      if (url) popup.href = url;
      marker.bindPopup(popup);
      bounds.push([lat, lon]);
    });

    if (bounds.length === 1) {
      map.setView(bounds[0], 16);
    } else if (bounds.length > 1) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    }
    element.classList.add("places-map--ready");
  }

  function init() {
    initHere();
    initShownBy();
    initMap();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

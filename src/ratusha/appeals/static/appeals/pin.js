// The map pin on the appeal form. Without JavaScript the two coordinate fields work alone;
// with it, "Use my current location" fills them, and when the installation has a tile
// server (RATUSHA_MAP_TILES) a click on the map does the same and the marker follows
// whatever is typed.
(function () {
  "use strict";
  var holder = document.querySelector("[data-pin-picker]");
  if (!holder) { return; }
  var lat = holder.querySelector("input[name=latitude]");
  var lon = holder.querySelector("input[name=longitude]");
  var status = holder.querySelector("[data-pin-status]");
  var here = holder.querySelector("[data-pin-here]");
  var marker = null;
  var map = null;

  function say(key) { status.textContent = status.getAttribute("data-" + key) || ""; }

  function show(latitude, longitude) {
    if (!map) { return; }
    if (marker) { marker.setLatLng([latitude, longitude]); }
    else { marker = L.marker([latitude, longitude], { keyboard: false }).addTo(map); }
    map.setView([latitude, longitude], Math.max(map.getZoom() || 0, 16));
  }

  function set(latitude, longitude) {
    lat.value = latitude.toFixed(6);
    lon.value = longitude.toFixed(6);
    show(latitude, longitude);
  }

  if (here && "geolocation" in navigator) {
    here.hidden = false;
    here.addEventListener("click", function () {
      say("finding");
      navigator.geolocation.getCurrentPosition(
        function (position) { set(position.coords.latitude, position.coords.longitude); say("found"); },
        function () { say("refused"); },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }

  var box = holder.querySelector("[data-pin-map]");
  var tiles = holder.getAttribute("data-tiles");
  if (box && tiles && typeof L !== "undefined") {
    map = L.map(box, { scrollWheelZoom: false });
    L.tileLayer(tiles, { maxZoom: 19, attribution: holder.getAttribute("data-attribution") || "" }).addTo(map);
    var typed = [parseFloat(lat.value), parseFloat(lon.value)];
    if (isFinite(typed[0]) && isFinite(typed[1])) { show(typed[0], typed[1]); }
    else { map.setView([53.9, 27.56], 11); }
    map.on("click", function (event) { set(event.latlng.lat, event.latlng.lng); say("clicked"); });
    [lat, lon].forEach(function (input) {
      input.addEventListener("change", function () {
        var a = parseFloat(lat.value), b = parseFloat(lon.value);
        if (isFinite(a) && isFinite(b)) { show(a, b); }
      });
    });
  }
})();

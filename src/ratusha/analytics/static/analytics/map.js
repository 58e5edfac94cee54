// The hotspots map: Leaflet with the installation's tile server, or a plain background
// when none is set (RATUSHA_MAP_TILES). The same hotspots are in the table below the map.
(function () {
  "use strict";
  var holder = document.getElementById("hotspots-map");
  var data = document.getElementById("hotspots-data");
  if (!holder || !data || typeof L === "undefined") { return; }
  var points = JSON.parse(data.textContent);
  var map = L.map(holder, { scrollWheelZoom: false, keyboard: true });
  var tiles = holder.getAttribute("data-tiles");
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 19, attribution: holder.getAttribute("data-attribution") || "" }).addTo(map);
  } else {
    holder.classList.add("no-tiles");
  }
  var colours = { growing: "#b3471b", recurring: "#6a3d9a", steady: "#1f5aa6" };
  var bounds = [];
  points.forEach(function (p) {
    var circle = L.circle([p.lat, p.lon], {
      radius: Math.max(p.radius, 50), color: colours[p.trend] || "#1f5aa6", weight: 2, fillOpacity: 0.35
    }).addTo(map);
    circle.bindTooltip(p.label);
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length) {
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 });
  } else {
    map.setView([53.9, 27.56], 11);
  }
})();

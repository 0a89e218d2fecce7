// The register's map: countries with their counts when zoomed out, cities when zoomed in,
// clustered with leaflet.markercluster. The table beside the map lists the same countries, so
// the page is complete without this script or without map tiles.
document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("register-map");
  const source = document.getElementById("map-config");
  if (!element || !source || typeof L === "undefined") return;
  const config = JSON.parse(source.textContent);
  element.classList.add("map--active");

  const map = L.map(element, { worldCopyJump: true, minZoom: 1, maxZoom: 12 });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 18, subdomains: "abc" }).addTo(map);
  map.setView([50, 15], 3);

  const clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 50,
    iconCreateFunction: (cluster) => {
      const total = cluster.getAllChildMarkers().reduce((sum, marker) => sum + marker.options.count, 0);
      return countIcon(total, "map-marker map-marker--cluster");
    },
  });
  map.addLayer(clusters);

  const status = document.createElement("p");
  status.className = "map-status";
  status.setAttribute("role", "status");
  element.after(status);

  function countLabel(count) {
    const template = count === 1 ? config.labels.one : config.labels.other;
    return template.replace("%(count)s", count.toLocaleString(document.documentElement.lang));
  }

  function sizeClass(count) {
    if (count >= 1000) return "map-marker--l";
    if (count >= 100) return "map-marker--m";
    return "map-marker--s";
  }

  function countIcon(count, className) {
    const label = document.createElement("span");
    label.textContent = count.toLocaleString(document.documentElement.lang);
    const size = { "map-marker--s": 32, "map-marker--m": 40, "map-marker--l": 48 }[sizeClass(count)];
    return L.divIcon({ html: label, className: `${className} ${sizeClass(count)}`, iconSize: [size, size] });
  }

  function popup(point) {
    const box = document.createElement("div");
    const name = document.createElement("strong");
    name.textContent = point.name;
    const count = document.createElement("p");
    count.className = "map-popup__count";
    count.textContent = countLabel(point.count);
    box.append(name, count);
    if (point.url) {
      const link = document.createElement("a");
      link.href = point.url;
      link.textContent = config.labels.list;
      box.append(link);
    }
    return box;
  }

  function draw(points) {
    clusters.clearLayers();
    const markers = points
      .filter((point) => point.lat !== null && point.lon !== null)
      .map((point) => {
        const marker = L.marker([point.lat, point.lon], {
          icon: countIcon(point.count, "map-marker"),
          title: `${point.name}: ${countLabel(point.count)}`,
          alt: `${point.name}: ${countLabel(point.count)}`,
          count: point.count,
          keyboard: true,
        });
        marker.bindPopup(() => popup(point));
        return marker;
      });
    clusters.addLayers(markers);
  }

  let shownLevel = null;
  let request = null;
  function load() {
    const level = map.getZoom() <= config.countryZoom ? "country" : "city";
    // Countries do not change when the map moves; cities are fetched for the visible area.
    if (level === "country" && shownLevel === "country") return;
    const url = new URL(config.dataUrl, window.location.href);
    url.searchParams.set("level", level);
    if (level === "city") url.searchParams.set("bbox", map.getBounds().toBBoxString());
    if (request) request.abort();
    request = new AbortController();
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, signal: request.signal })
      .then((response) => {
        if (!response.ok) throw new Error(response.statusText);
        return response.json();
      })
      .then((data) => {
        shownLevel = data.level;
        status.textContent = "";
        draw(data.points);
      })
      .catch((error) => {
        if (error.name !== "AbortError") status.textContent = config.labels.failed;
      });
  }
  map.on("moveend", load);
  load();
});

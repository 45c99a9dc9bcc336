/* rasid web app: the map, the timeline brush, upload progress and evidence scrolling.
   No inline scripts (Content-Security-Policy); data reaches the DOM through textContent only. */
(function () {
  "use strict";

  // --- the events map -------------------------------------------------------------------------------
  // A filter's first draw builds a layer (a markercluster group of the view's points, or circles per grid cell
  // when the view holds too many) and fits the view to the bulk of its located events. A move after it (pan,
  // zoom, the fit itself) loads the new view and updates that layer in place: markers already drawn stay (the
  // same objects, keyed by event id, place and type, so an open popup stays open), only the view's new events
  // are added, a held marker inside the loaded box that the answer lacks (edited, moved) goes, and once the
  // layer holds more than CAP markers those farther than a view's size from the view go too. Cells are redrawn
  // at each load (their size follows the zoom); a change between points and cells builds a new layer.
  // data-settled="1" on #map: the markers of the current filter are all on the map and painted (markercluster's
  // last chunk added), no answer waits for a move to end and the map does not move (a move's moveend loads and
  // draws once more; during a zoom animation the canvas shows the old frame scaled). data-query names the filter
  // they were drawn for, so a reader can tell this draw from the one before. Each load, draw and move bumps `epoch`: a settle
  // check scheduled before it is stale. data-added (markers made since the page opened), data-held (markers the
  // points layer holds) and data-layers (layers built) tell an update from a rebuild.
  var CAP = 8000;
  var mapEl = document.getElementById("map");
  var map = null, statusEl = document.getElementById("map-status"), emptyEl = document.getElementById("map-empty");
  var colours = {}, lastQuery = null, pending = null, moving = false, timer = null, deferred = null;
  // scheduled: a moveend's load is waiting for its timer (what is drawn is for a view already left: not settled)
  var scheduled = false;
  // shown: the current draw (see rebuild); queued: an answer waiting for its last chunk; deferred: one waiting
  // for the end of a move
  var epoch = 0, shown = null, queued = null;
  var added = 0, layers = 0;

  function currentQuery() {
    var state = document.getElementById("view-state");
    return state ? state.getAttribute("data-query") || "" : "";
  }

  function typeClass(t) {
    return {"Battles": "t-battles", "Explosions/Remote violence": "t-explosions", "Violence against civilians": "t-vac",
            "Protests": "t-protests", "Riots": "t-riots", "Strategic developments": "t-strategic"}[t] || "t-other";
  }

  function popup(eventType, id) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = eventType;
    var link = document.createElement("a");
    link.href = "/events/" + encodeURIComponent(id);
    link.textContent = "open event " + id;
    box.appendChild(title);
    box.appendChild(document.createElement("br"));
    box.appendChild(link);
    return box;
  }

  function clusterIcon(cluster) {
    var counts = {}, best = null;
    cluster.getAllChildMarkers().forEach(function (m) {
      var t = m.options.eventType;
      counts[t] = (counts[t] || 0) + 1;
      if (best === null || counts[t] > counts[best]) { best = t; }
    });
    var n = cluster.getChildCount();
    var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 50;
    return L.divIcon({html: "<span>" + n + "</span>", className: "cluster " + typeClass(best), iconSize: L.point(size, size)});
  }

  function unsettle() {
    epoch++;
    mapEl.setAttribute("data-settled", "0");
  }

  function counters() {
    mapEl.setAttribute("data-added", String(added));
    mapEl.setAttribute("data-held", String(shown && shown.mode === "points" ? shown.count : 0));
    mapEl.setAttribute("data-layers", String(layers));
  }

  function loadMap() {
    if (!map) { return; }
    var q = currentQuery();
    var b = map.getBounds();
    var box = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (x) { return x.toFixed(4); });
    // a new filter also asks for the box of the bulk of its located events, in view or not: its rebuild fits the view to it
    var url = "/api/map?" + (q ? q + "&" : "") + "bbox=" + box.join(",") + "&zoom=" + map.getZoom() +
              (q !== lastQuery ? "&bounds=true" : "");
    if (pending) { pending.abort(); }
    pending = new AbortController();
    statusEl.textContent = "loading…";
    unsettle();
    fetch(url, {signal: pending.signal, credentials: "same-origin"}).then(function (r) {
      if (!r.ok) { throw new Error("map data: HTTP " + r.status); }
      return r.json();
    }).then(function (data) {
      show(data, q, box.map(Number));
    }).catch(function (err) {
      if (err.name !== "AbortError") { statusEl.textContent = String(err.message || err); }
    });
  }

  function show(data, q, box, late) {
    // a marker group still adding markers (chunkedLoading: chunks over several frames) is left alone (its next
    // chunk would fail off the map, a removal would miss the markers still waiting): the answer waits for its
    // last chunk
    if (shown && !shown.loaded) { queued = [data, q, box, late]; unsettle(); return; }
    unsettle();
    var same = shown && q === shown.query && data.mode === "points" && shown.mode === "points";
    if (moving) {
      // an answer that arrives while the map moves is for a view already left, and markercluster may be
      // animating a zoom: an update is dropped (the move's moveend loads the view it ends on), a new layer (and a
      // new filter's fit) waits for the moveend
      if (!same) { deferred = [data, q, box]; }
      return;
    }
    // the box the drawn answer is complete for (the view, rounded as it was asked): what "in view" counts
    mapEl.setAttribute("data-box", box.join(","));
    if (same) { update(data, box); } else { rebuild(data, q, late); }
  }

  function loaded(entry) {
    entry.loaded = true;
    if (queued) {
      var next = queued;
      queued = null;
      show(next[0], next[1], next[2], next[3]);
    } else if (entry === shown) {
      settleLater();
    }
  }

  function settleLater() {
    // settled once the markers are painted: the canvas renderer draws them on the next animation frame
    var mine = epoch;
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        if (mine === epoch && shown && shown.loaded && shown.settles && !queued && !moving && !deferred && !scheduled) {
          mapEl.setAttribute("data-settled", "1");
        }
      });
    });
  }

  function fitTo(bounds) {
    // one place (one event, or several at one town's coordinates): centred at a town's zoom. Without animation:
    // the new filter's layer (added after the fit) starts at the zoom it is seen at, and a filter replaces the
    // whole map anyway
    if (bounds.getSouthWest().equals(bounds.getNorthEast())) { map.setView(bounds.getCenter(), 9, {animate: false}); }
    else { map.fitBounds(bounds.pad(0.1), {maxZoom: 9, animate: false}); }
  }

  function keyOf(p) { return p[3] + "|" + p[0] + "|" + p[1] + "|" + p[2]; }

  function marker(p) {
    var m = L.circleMarker([p[0], p[1]], {radius: 6, weight: 1, color: "#222", fillColor: colours[p[2]] || "#777",
                                          fillOpacity: 0.9, eventType: p[2], eventId: p[3]});
    m.bindPopup(popup(p[2], p[3]));
    added++;
    return m;
  }

  function addMarkers(entry, markers) {
    // markercluster calls chunkProgress after each chunk; after the last one it puts the markers on the map (in
    // the same task), hence the timeout
    entry.loaded = false;
    entry.adding = true;
    entry.layer.addLayers(markers);
  }

  function status(entry, total) {
    var text = entry.mode === "points" ? total + " located event(s) in view"
                                       : total + " located events in view, counted per area; zoom in for single events";
    // the filter's located events, when the view shows fewer (a pan, a zoom, or strays the opening fit left out)
    statusEl.textContent = text + (entry.located > total ? " (" + entry.located + " in all)" : "");
  }

  function update(data, box) {
    // the same filter's points in a moved view: keep what is drawn, add what is new, drop what is gone
    var entry = shown, seen = Object.create(null), fresh = [], gone = [];
    entry.settles = !moving;
    data.points.forEach(function (p) {
      var key = keyOf(p);
      seen[key] = true;
      if (!entry.held[key]) {
        var m = marker(p);
        entry.held[key] = m;
        fresh.push(m);
      }
    });
    entry.count += fresh.length;
    // inside the loaded box the answer is complete (points mode: all of the view's events), so a held marker in
    // it that the answer lacks has left the filter; beyond CAP, markers far from the view go
    var w = box[0] + 1e-4, s = box[1] + 1e-4, e = box[2] - 1e-4, n = box[3] - 1e-4;
    var cap = window.rasidMapCap || CAP, far = entry.count > cap ? map.getBounds().pad(1) : null;
    Object.keys(entry.held).forEach(function (key) {
      if (seen[key]) { return; }
      var ll = entry.held[key].getLatLng();
      if ((ll.lat > s && ll.lat < n && ll.lng > w && ll.lng < e) || (far && !far.contains(ll))) {
        gone.push(entry.held[key]);
        delete entry.held[key];
      }
    });
    entry.count -= gone.length;
    if (gone.length) { entry.layer.removeLayers(gone); }
    status(entry, data.total);
    counters();
    if (fresh.length) { addMarkers(entry, fresh); } else { loaded(entry); }
  }

  function rebuild(data, q, late) {
    // a new filter, or a change between points and cells, or cells at a new view: a new layer. `late`: drawn at
    // the end of a move from an answer for an earlier view (the load that moveend schedules draws again, and
    // that draw settles)
    var fresh = q !== lastQuery;
    var entry = {query: q, mode: data.mode, layer: null, held: Object.create(null), count: 0, loaded: false,
                 adding: false, settles: !late, located: fresh ? data.located : shown && shown.located};
    if (shown) { map.removeLayer(shown.layer); }
    shown = entry;
    layers++;
    if (data.mode === "points") {
      entry.layer = L.markerClusterGroup({
        chunkedLoading: true, iconCreateFunction: clusterIcon, maxClusterRadius: 45,
        chunkProgress: function (processed, total) {
          if (processed >= total && entry.adding) { entry.adding = false; setTimeout(function () { loaded(entry); }, 0); }
        }
      });
      entry.adding = true;  // the markers wait in the group until addTo below adds them, in chunks
      entry.layer.addLayers(data.points.map(function (p) {
        var m = marker(p);
        entry.held[keyOf(p)] = m;
        return m;
      }));
      entry.count = data.points.length;
    } else {
      entry.layer = L.layerGroup();
      var max = Math.max.apply(null, data.cells.map(function (c) { return c[2]; }).concat([1]));
      data.cells.forEach(function (c) {
        var r = 5 + 20 * Math.sqrt(c[2] / max);
        var m = L.circleMarker([c[0], c[1]], {radius: r, weight: 1, color: "#222", fillColor: colours[c[3]] || "#777", fillOpacity: 0.75});
        m.bindTooltip(c[2] + " events (mostly " + c[3] + ")");
        m.on("click", function () { map.setView([c[0], c[1]], Math.min(map.getZoom() + 2, 14)); });
        entry.layer.addLayer(m);
      });
    }
    status(entry, data.total);
    lastQuery = q;
    mapEl.setAttribute("data-query", q);
    counters();
    if (fresh && data.bounds !== undefined) {
      // a new filter: the view fits the bulk of its located events (data.bounds), wherever the view was; none:
      // the view stays and the map says so
      emptyEl.hidden = data.bounds !== null;
      if (data.bounds) {
        entry.settles = false;  // the fit's moveend loads the new view, and that update settles
        // (never during a move: show defers the draw to its moveend)
        fitTo(L.latLngBounds([data.bounds[0], data.bounds[1]], [data.bounds[2], data.bounds[3]]));
      }
    }
    entry.layer.addTo(map);  // markercluster adds its first chunk now, the rest over the next frames
    if (data.mode !== "points") { loaded(entry); }
  }

  if (mapEl && window.L) {
    colours = JSON.parse(mapEl.getAttribute("data-colours") || "{}");
    map = L.map(mapEl, {preferCanvas: true, worldCopyJump: true, minZoom: 2, maxZoom: 18}).fitBounds([[29.0, 35.0], [37.6, 48.8]]);
    if (mapEl.getAttribute("data-tiles") === "1") {
      L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                  {maxZoom: 18, attribution: "&copy; OpenStreetMap contributors"}).addTo(map);
    }
    fetch("/vendor/countries-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
      // the countries rasid codes and their neighbours (ISO 3166 numeric ids): converting and drawing only
      // these keeps the first paint fast; the rest of the world is not where the events are
      var region = ["760", "368", "422", "400", "792", "376", "275", "887", "682", "364", "434", "818", "729",
                    "012", "788", "504", "706", "196", "414", "048", "634", "784", "512", "728", "231", "232",
                    "262", "148", "562", "566", "268", "051", "031", "004", "586", "300", "100"];
      var objects = topo.objects.countries;
      var land = topojson.feature(topo, {type: "GeometryCollection", geometries: objects.geometries.filter(function (g) {
        return region.indexOf(String(g.id)) >= 0;
      })});
      L.geoJSON(land, {interactive: false, style: {color: "#7d8c9c", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1}})
        .addTo(map).bringToBack();
    }).catch(function () { statusEl.textContent = "country outlines unavailable"; });
    // a move cancels the load a previous moveend scheduled (its own moveend schedules one for the new view): that
    // load could otherwise draw in the middle of the move's zoom animation and call the map settled
    map.on("movestart", function () { moving = true; scheduled = false; clearTimeout(timer); unsettle(); });
    map.on("moveend", function () {
      moving = false;
      if (deferred) {  // a layer that waited for the move's end (a new filter's draw fits the view now)
        var next = deferred;
        deferred = null;
        show(next[0], next[1], next[2], true);
      }
      clearTimeout(timer);
      scheduled = true;
      timer = setTimeout(function () { scheduled = false; loadMap(); }, 150);
    });
    loadMap();
  }

  document.body.addEventListener("htmx:afterSettle", function (evt) {
    if (map && evt.detail && evt.detail.target && evt.detail.target.id === "results" && currentQuery() !== lastQuery) {
      loadMap();
    }
  });

  // --- timeline brush: drag across the bars to set the date range -------------------------------------
  var drag = null;

  function binAt(svg, clientX) {
    var groups = svg.querySelectorAll("g[data-start]");
    if (!groups.length) { return null; }
    var box = svg.getBoundingClientRect();
    var i = Math.floor((clientX - box.left) / box.width * groups.length);
    return Math.max(0, Math.min(groups.length - 1, i));
  }

  function showBrush(svg, a, b) {
    var groups = svg.querySelectorAll("g[data-start]");
    var brush = svg.querySelector("#brush");
    var w = 1000 / groups.length, lo = Math.min(a, b), hi = Math.max(a, b);
    brush.setAttribute("x", String(lo * w));
    brush.setAttribute("width", String((hi - lo + 1) * w));
    brush.classList.remove("hidden");
  }

  document.addEventListener("pointerdown", function (evt) {
    var svg = evt.target.closest && evt.target.closest("svg#timeline");
    if (!svg) { return; }
    var i = binAt(svg, evt.clientX);
    if (i === null) { return; }
    drag = {svg: svg, from: i, to: i};
    showBrush(svg, i, i);
    evt.preventDefault();
  });
  document.addEventListener("pointermove", function (evt) {
    if (!drag) { return; }
    drag.to = binAt(drag.svg, evt.clientX);
    showBrush(drag.svg, drag.from, drag.to);
  });
  document.addEventListener("pointerup", function () {
    if (!drag) { return; }
    var groups = drag.svg.querySelectorAll("g[data-start]");
    var lo = Math.min(drag.from, drag.to), hi = Math.max(drag.from, drag.to);
    var form = document.getElementById("filters");
    drag = null;
    if (!form) { return; }
    form.querySelector("input[name=from]").value = groups[lo].getAttribute("data-start");
    form.querySelector("input[name=to]").value = groups[hi].getAttribute("data-end");
    form.querySelector("input[name=to]").dispatchEvent(new Event("change", {bubbles: true}));
  });

  // --- upload progress ---------------------------------------------------------------------------------
  var uploadForm = document.getElementById("upload-form");
  if (uploadForm) {
    var bar = document.getElementById("upload-progress");
    uploadForm.addEventListener("htmx:xhr:progress", function (evt) {
      if (evt.detail.lengthComputable) {
        bar.classList.remove("hidden");
        bar.value = evt.detail.loaded / evt.detail.total * 100;
      }
    });
  }

  // --- evidence: scroll each source's text to its evidence sentence -------------------------------------
  document.querySelectorAll(".article-text").forEach(function (box) {
    if (box.classList.contains("full")) { return; }
    var mark = box.querySelector("mark.hl-sentence");
    if (mark) { box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 40); }
  });
}());

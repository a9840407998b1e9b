// The C U L8er dashboard: everything arrives as server-sent events from /api/events. Text is set
// with textContent only, never parsed as HTML.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const COLOURS = ["#1a5fb4", "#c64600", "#26a269", "#813d9c", "#986a44", "#e01b24"];
  const EVENTS_SHOWN = 100;
  const $ = (id) => document.getElementById(id);

  function cell(row, text, good) {
    const td = document.createElement("td");
    td.textContent = text;
    if (good !== undefined) td.className = good ? "good" : "bad";
    row.appendChild(td);
    return td;
  }

  function fill(tbody, items, render) {
    const rows = items.map((item) => { const tr = document.createElement("tr"); render(tr, item); return tr; });
    tbody.replaceChildren(...rows);
  }

  function showFleet(fleet) {
    $("topology").textContent = fleet.topology;
    $("read-at").textContent = time(new Date().toISOString());
    $("fleet-error").hidden = true;
    fill($("hosts").tBodies[0], fleet.hosts, (tr, h) => {
      cell(tr, h.name); cell(tr, h.reachable ? "yes" : "no", h.reachable); cell(tr, h.problem || "-");
    });
    fill($("instances").tBodies[0], fleet.instances, (tr, i) => {
      cell(tr, i.name); cell(tr, i.resource); cell(tr, i.host);
      cell(tr, i.state, i.state === "Running"); cell(tr, i.version);
      cell(tr, i.health, i.health === "healthy"); cell(tr, i.edge, i.edge === "in" || i.edge === "-");
      cell(tr, i.address);
    });
    const members = [];
    fleet.clusters.forEach((c) => c.members.forEach((m) => members.push([c, m])));
    fill($("clusters").tBodies[0], members, (tr, [c, m]) => {
      cell(tr, c.name); cell(tr, c.formed ? "yes" : "no", c.formed); cell(tr, m.instance);
      cell(tr, m.answered ? (m.sees.join(", ") || "no one") : "no answer", m.answered);
      cell(tr, m.missing.join(", ") || "-", m.missing.length === 0);
    });
    $("clusters").hidden = fleet.clusters.length === 0;
    fill($("problems"), fleet.problems, (li, p) => { li.textContent = p; });
  }

  const time = (iso) => (iso || "").replace(/\.\d+Z$/, "Z");

  function seconds(iso) {
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso || "");
    return m ? (+(m[1] || 0)) * 3600 + (+(m[2] || 0)) * 60 + (+(m[3] || 0)) : 0;
  }

  function svg(name, attributes, parent) {
    const element = document.createElementNS(SVG, name);
    Object.entries(attributes).forEach(([k, v]) => element.setAttribute(k, v));
    if (parent) parent.appendChild(element);
    return element;
  }

  function chart(container, label, draw) {
    const root = svg("svg", { viewBox: "0 0 600 200", role: "img", "aria-label": label });
    svg("line", { x1: 40, y1: 180, x2: 590, y2: 180, stroke: "#888" }, root);
    draw(root);
    container.replaceChildren(root);
  }

  function showDeploys(history) {
    const deploys = history.deploys;
    const max = Math.max(1, ...deploys.map((d) => seconds(d.duration)));
    chart($("deploys-chart"), "Deploy durations in seconds, longest " + max.toFixed(1) + " s", (root) => {
      const width = Math.min(550 / Math.max(deploys.length, 1), 40);
      deploys.forEach((d, n) => {
        const h = 160 * seconds(d.duration) / max;
        const bar = svg("rect", { x: 40 + n * width + 2, y: 180 - h, width: Math.max(width - 4, 1), height: h,
          fill: d.outcome === "succeeded" ? "#26a269" : "#c01c28" }, root);
        svg("title", {}, bar).textContent = time(d.started_at) + ": " + d.outcome + ", " + seconds(d.duration).toFixed(1) + " s";
      });
      svg("text", { x: 2, y: 24 }, root).textContent = max.toFixed(1) + " s";
      svg("text", { x: 2, y: 180 }, root).textContent = "0";
    });
    fill($("deploys").tBodies[0], deploys.slice().reverse(), (tr, d) => {
      cell(tr, time(d.started_at)); cell(tr, d.strategy);
      cell(tr, d.outcome, d.outcome === "succeeded" || d.outcome === "running");
      cell(tr, d.duration ? seconds(d.duration).toFixed(1) + " s" : "-");
      const details = document.createElement("details");
      const summary = document.createElement("summary");
      summary.textContent = d.steps.length + " steps";
      details.appendChild(summary);
      const table = document.createElement("table");
      const head = table.createTHead().insertRow();
      ["Step", "Host", "Took", "Outcome", "Detail"].forEach((t) => {
        const th = document.createElement("th"); th.scope = "col"; th.textContent = t; head.appendChild(th);
      });
      const body = table.createTBody();
      d.steps.forEach((s) => {
        const row = body.insertRow();
        cell(row, s.step); cell(row, s.host || "-");
        cell(row, s.took ? seconds(s.took).toFixed(2) + " s" : "-");
        cell(row, s.outcome, s.outcome !== "failed"); cell(row, s.detail || "");
      });
      details.appendChild(table);
      tr.appendChild(document.createElement("td")).appendChild(details);
    });
  }

  function showTraffic(traffic) {
    const series = traffic.instances;
    const all = series.flatMap((s) => s.points.flatMap((p) => [p.requests_per_second, p.errors_per_second]));
    const max = Math.max(1, ...all);
    chart($("traffic-chart"), "Requests and errors per second per instance, highest " + max.toFixed(1), (root) => {
      series.forEach((s, n) => {
        const colour = COLOURS[n % COLOURS.length];
        const x = (i) => 40 + 550 * i / Math.max(s.points.length - 1, 1);
        const y = (v) => 180 - 160 * v / max;
        const line = (key, dash) => svg("polyline", { fill: "none", stroke: colour, "stroke-width": 2,
          "stroke-dasharray": dash, points: s.points.map((p, i) => x(i) + "," + y(p[key])).join(" ") }, root);
        line("requests_per_second", "none");
        line("errors_per_second", "4 3");
        svg("line", { x1: 430, y1: 16 + 14 * n, x2: 446, y2: 16 + 14 * n, stroke: colour, "stroke-width": 3 }, root);
        svg("text", { x: 450, y: 20 + 14 * n, fill: colour }, root).textContent = s.instance;
      });
      svg("text", { x: 2, y: 24 }, root).textContent = max.toFixed(1) + "/s";
    });
    fill($("traffic").tBodies[0], series, (tr, s) => {
      const last = s.points[s.points.length - 1] || { requests_per_second: 0, errors_per_second: 0 };
      cell(tr, s.instance); cell(tr, last.requests_per_second.toFixed(2));
      cell(tr, last.errors_per_second.toFixed(2), last.errors_per_second === 0);
    });
  }

  function showAudit(audit) {
    fill($("operations").tBodies[0], audit.operations.slice().reverse(), (tr, o) => {
      cell(tr, time(o.at)); cell(tr, o.user); cell(tr, o.host); cell(tr, o.operation);
      cell(tr, o.outcome, o.outcome === "succeeded"); cell(tr, seconds(o.duration).toFixed(1) + " s");
      cell(tr, o.summary);
    });
  }

  function showEvent(event) {
    const li = document.createElement("li");
    const { type, at, topology, ...fields } = event;
    li.textContent = time(at) + " " + type + " " + Object.entries(fields)
      .map(([k, v]) => k + "=" + (Array.isArray(v) ? v.join(",") : v)).join(" ");
    const list = $("events");
    list.prepend(li);
    while (list.children.length > EVENTS_SHOWN) list.lastElementChild.remove();
  }

  const on = (source, name, show) => source.addEventListener(name, (e) => show(JSON.parse(e.data)));
  const source = new EventSource("api/events");
  source.onopen = () => { $("connection").textContent = "live"; };
  source.onerror = () => { $("connection").textContent = "disconnected, reconnecting…"; };
  on(source, "fleet", showFleet);
  on(source, "history", showDeploys);
  on(source, "traffic", showTraffic);
  on(source, "audit", showAudit);
  on(source, "event", showEvent);
  on(source, "fleet_error", (e) => { $("fleet-error").textContent = e.error; $("fleet-error").hidden = false; });
})();

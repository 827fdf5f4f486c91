// The lineage as a graph (cytoscape.js, vendored): the document in the middle, what it carries out
// above it (up to the national root), what carries it out below. Edges run from the higher document
// to the lower one, labelled with the lower one's relation (triển khai, căn cứ, ban hành kèm theo).
"use strict";
(function () {
  const box = document.getElementById("lineage");
  const status = document.getElementById("lineage-status");
  const tables = document.getElementById("lineage-tables");
  const number = box.dataset.number;
  if (!number) { box.style.display = "none"; return; }
  const LEVEL = { national: "Trung ương", ministry: "Bộ, ngành", province: "Tỉnh", district: "Huyện", commune: "Xã" };
  const COLOR = { national: "#b71c1c", ministry: "#6a1b9a", province: "#1565c0", district: "#2e7d32", commune: "#6d4c41" };
  const RELATION = { implements: "triển khai", based_on: "căn cứ", promulgated_by: "ban hành kèm theo", cites: "dẫn chiếu" };

  // dates for people: "2013-01-21" → "21/01/2013" (the API keeps ISO)
  function vndate(iso) {
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso || "");
    return !m ? iso || "" : m[3] ? m[3] + "/" + m[2] + "/" + m[1] : m[2] + "/" + m[1];
  }

  // at most `limit` characters, cut at a space (never inside a syllable: "Bộ Xây d…")
  function cut(text, limit) {
    if (text.length <= limit) return text;
    const head = text.slice(0, limit);
    const space = head.lastIndexOf(" ");
    return (space > 0 ? head.slice(0, space) : head).replace(/[ ,;:.\-–]+$/, "") + "…";
  }

  function label(d) {
    const head = d.number || [d.doc_type, vndate(d.issued_date)].filter(Boolean).join(" ") || "(không số)";
    const who = (d.issuer || "").replace("Ủy ban nhân dân", "UBND");
    return head + (who ? "\n" + cut(who, 30) : "");
  }

  function node(d, cls) {
    return { data: { id: "d" + d.id, label: label(d), color: COLOR[d.level] || "#607d8b", doc: d },
             classes: [cls, d.in_corpus ? "held" : "placeholder"].join(" ") };
  }

  function build(answer) {
    const center = answer.document;
    const elements = [node(center, "center")];
    const seen = new Set(["d" + center.id]);
    const edges = new Set();
    for (const [list, up] of [[answer.upstream, true], [answer.downstream, false]]) {
      const byNumber = new Map([[center.number, center.id]]);
      list.forEach((e) => { if (e.number && !byNumber.has(e.number)) byNumber.set(e.number, e.id); });
      for (const e of list) {
        if (!seen.has("d" + e.id)) { elements.push(node(e, up ? "up" : "down")); seen.add("d" + e.id); }
        const via = e.via_id || byNumber.get(e.via) || center.id;
        const [parent, child] = up ? [e.id, via] : [via, e.id];
        const id = "e" + parent + "-" + child;
        if (parent === child || edges.has(id)) continue;
        edges.add(id);
        elements.push({ data: { id, source: "d" + parent, target: "d" + child, label: RELATION[e.relation] || e.relation } });
      }
    }
    return elements;
  }

  function table(title, list) {
    const h = document.createElement("h2");
    h.textContent = title + " (" + list.length + ")";
    tables.append(h);
    if (!list.length) return;
    const wrap = document.createElement("div");
    wrap.className = "scroll";
    const t = document.createElement("table");
    t.className = "list small";
    t.innerHTML = "<thead><tr><th>Cấp độ</th><th>Quan hệ</th><th>Số, ký hiệu</th><th>Cơ quan ban hành</th><th>Cấp</th><th>Ngày</th></tr></thead>";
    const body = document.createElement("tbody");
    for (const e of list) {
      const tr = document.createElement("tr");
      const cells = [String(e.depth), RELATION[e.relation] || e.relation, null, e.issuer || "—", LEVEL[e.level] || "—", vndate(e.issued_date) || "—"];
      cells.forEach((text, i) => {
        const td = document.createElement("td");
        if (i === 2) {
          const name = e.number || [e.doc_type, vndate(e.issued_date)].filter(Boolean).join(" ") || "(không số)";
          if (e.in_corpus) { const a = document.createElement("a"); a.href = "/documents/" + e.id; a.textContent = name; td.append(a); }
          else { td.textContent = name + " (chỉ biết qua trích dẫn)"; }
        } else td.textContent = text;
        tr.append(td);
      });
      body.append(tr);
    }
    t.append(body);
    wrap.append(t);
    tables.append(wrap);
  }

  status.textContent = "Đang tải…";
  fetch("/api/lineage?number=" + encodeURIComponent(number), { credentials: "same-origin" })
    .then((r) => r.json().then((b) => [r.ok, b]))
    .then(([ok, answer]) => {
      if (!ok) { status.className = "error"; status.textContent = answer.message_vi || answer.message; box.style.display = "none"; return; }
      const d = answer.document;
      status.textContent = (d.doc_type || "") + " " + (d.number || "") + " — " + (d.issuer || "?") + ": "
        + answer.upstream.length + " văn bản cấp trên, " + answer.downstream.length + " văn bản triển khai.";
      const cy = cytoscape({
        container: box,
        elements: build(answer),
        wheelSensitivity: 0.3,
        style: [
          { selector: "node", style: { "shape": "round-rectangle", "background-color": "data(color)", "label": "data(label)",
            "color": "#fff", "text-wrap": "wrap", "text-valign": "center", "text-halign": "center", "font-size": 11,
            "width": 190, "height": 46, "padding": 4 } },
          { selector: "node.placeholder", style: { "background-opacity": 0.55, "border-width": 2, "border-style": "dashed", "border-color": "#455a64" } },
          { selector: "node.center", style: { "border-width": 4, "border-color": "#ffb300", "font-weight": "bold" } },
          { selector: "edge", style: { "curve-style": "bezier", "width": 2, "line-color": "#90a4ae", "target-arrow-shape": "triangle",
            "target-arrow-color": "#90a4ae", "label": "data(label)", "font-size": 10, "text-background-color": "#fff",
            "text-background-opacity": 1, "text-background-padding": 2, "color": "#37474f" } },
        ],
        layout: { name: "breadthfirst", directed: true, spacingFactor: 1.15, padding: 20, avoidOverlap: true },
      });
      cy.on("tap", "node", (evt) => {
        const doc = evt.target.data("doc");
        if (doc.in_corpus) window.location.href = "/documents/" + doc.id;
        else status.textContent = (doc.number || doc.doc_type || "") + ": chỉ biết qua trích dẫn, chưa có trong kho.";
      });
      box.dataset.ready = "true";
      table("Văn bản cấp trên", answer.upstream);
      table("Văn bản triển khai", answer.downstream);
    })
    .catch(() => { status.className = "error"; status.textContent = "Không tải được sơ đồ."; });
})();

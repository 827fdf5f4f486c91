// Saved views of the document list: a name and the list's query string, kept in this browser's
// localStorage under the person's key id (per browser and per person; nothing on the server). The
// URL itself is the shareable form: a saved view is only a bookmark with a Vietnamese name.
"use strict";
(function () {
  // a filter left at "Tất cả" is not sent: the URL to bookmark or share says only what was chosen
  const filters = document.getElementById("doc-filters");
  if (filters) {
    filters.addEventListener("submit", () => {
      filters.querySelectorAll("input[name], select[name]").forEach((el) => { if (el.value === "") el.disabled = true; });
    });
    // back to this page from history: the fields must not stay disabled
    window.addEventListener("pageshow", () => filters.querySelectorAll("[disabled]").forEach((el) => { el.disabled = false; }));
  }

  const box = document.getElementById("views");
  if (!box || !window.localStorage) return;
  const KEY = "vanban.documents.views." + box.dataset.user; // per person (key) using this browser
  const list = document.getElementById("views-list");
  const form = document.getElementById("view-save");
  const name = document.getElementById("view-name");

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function store(views) { localStorage.setItem(KEY, JSON.stringify(views)); }

  function draw() {
    const views = load();
    list.textContent = "";
    if (!views.length) {
      const none = document.createElement("span");
      none.className = "muted small";
      none.textContent = " chưa có.";
      list.append(none);
    }
    views.forEach((v, i) => {
      const chip = document.createElement("span");
      chip.className = "view-chip";
      const a = document.createElement("a");
      a.href = "/documents" + v.query;
      a.textContent = v.name;
      if (v.query === window.location.search) a.className = "on";
      const x = document.createElement("button");
      x.type = "button";
      x.className = "link";
      x.textContent = "×";
      x.title = "Xóa bộ lọc “" + v.name + "”";
      x.setAttribute("aria-label", x.title);
      x.addEventListener("click", () => { const all = load(); all.splice(i, 1); store(all); draw(); });
      chip.append(a, x);
      list.append(chip);
    });
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const label = name.value.trim() || "Bộ lọc " + (load().length + 1);
    const views = load().filter((v) => v.name !== label);
    views.push({ name: label, query: window.location.search });
    store(views);
    name.value = "";
    draw();
  });
  box.hidden = false;
  draw();
})();

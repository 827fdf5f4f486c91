// The correction form of the document view. "Sửa" on a field opens the form with the input its type
// needs (service/ui/labels.py: editor): a date picker for dates (sent as ISO yyyy-mm-dd), a text box
// with the known agencies to pick from (free entry allowed) for agencies, a text area for long text,
// a select for levels and relations, one row per item for lists. Saving posts one correction to the
// API and reloads the page, which then shows the corrected record and its history.
"use strict";
(function () {
  const form = document.getElementById("correction");
  if (!form) return;
  const path = document.getElementById("c-path");
  const type = document.getElementById("c-type");
  const label = document.getElementById("c-label");
  const editor = document.getElementById("c-editor");
  const hint = document.getElementById("c-hint");
  const result = document.getElementById("c-result");
  const empty = document.getElementById("c-empty");
  const CHOICES = {
    level: [["national", "Trung ương"], ["ministry", "Bộ, ngành"], ["province", "Tỉnh"],
            ["district", "Huyện"], ["commune", "Xã"]],
    relation: [["implements", "triển khai"], ["based_on", "căn cứ"],
               ["promulgated_by", "ban hành kèm theo"], ["cites", "dẫn chiếu"]],
  };
  const HINTS = {
    date: "Ngày/tháng/năm, ví dụ 15/05/2017, hoặc chọn trên lịch; để trống nếu muốn xóa giá trị.",
    agency: "Gõ vài chữ để chọn một cơ quan đã biết, hoặc nhập tên mới.",
    agencies: "Mỗi dòng một cơ quan; gõ vài chữ để chọn cơ quan đã biết.",
    list: "Mỗi dòng một mục.",
    number: "Một số, ví dụ 95 hoặc 12,5.",
    level: "Chọn cấp của cơ quan ban hành.",
    relation: "Chọn quan hệ giữa hai văn bản.",
  };

  // Dates: people type them day first ("15/5/2017"); the API gets ISO ("2017-05-15"). A text box, not the
  // browser's date input alone, whose order follows the browser's language (an English one shows
  // mm/dd/yyyy); the "Lịch" button opens the browser's calendar, which fills the box.
  const VN_DAY = /^(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})$/; // 15/5/2017, 15.05.2017: day, month, year
  function isoDay(text) {
    const m = VN_DAY.exec(text.trim());
    if (!m) return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : null;
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
    return y + "-" + String(mo).padStart(2, "0") + "-" + String(d).padStart(2, "0");
  }
  function vnDay(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? m[3] + "/" + m[2] + "/" + m[1] : iso || "";
  }

  function dateField(value) {
    const box = document.createElement("span");
    box.className = "date-field";
    const text = document.createElement("input");
    text.type = "text";
    text.id = "c-value";
    text.name = "value";
    text.placeholder = "dd/mm/yyyy";
    text.inputMode = "numeric";
    text.value = vnDay(value);
    const picker = document.createElement("input");
    picker.type = "date";
    picker.className = "picker";
    picker.tabIndex = -1;
    picker.setAttribute("aria-hidden", "true");
    picker.addEventListener("change", () => { text.value = vnDay(picker.value); });
    const open = document.createElement("button");
    open.type = "button";
    open.textContent = "Lịch";
    open.title = "Chọn ngày trên lịch";
    open.addEventListener("click", () => {
      picker.value = isoDay(text.value) || "";
      if (picker.showPicker) picker.showPicker(); else picker.focus();
    });
    box.append(text, open, picker);
    return box;
  }

  function input(kind, value) {
    let el;
    if (kind === "text") {
      el = document.createElement("textarea");
      el.rows = 4;
    } else if (CHOICES[kind]) {
      el = document.createElement("select");
      const none = new Option("(chưa rõ)", "");
      el.append(none);
      CHOICES[kind].forEach(([v, name]) => el.append(new Option(name, v)));
    } else {
      el = document.createElement("input");
      if (kind === "date") el.type = "date";
      else if (kind === "number") { el.type = "number"; el.step = "any"; }
      else el.type = "text";
      if (kind === "agency" || kind === "agencies") el.setAttribute("list", "agencies");
    }
    el.value = value === null || value === undefined ? "" : String(value);
    return el;
  }

  function listRow(kind, value) {
    const row = document.createElement("div");
    row.className = "list-row";
    const el = input(kind === "agencies" ? "agencies" : "str", value);
    el.className = "item";
    el.setAttribute("aria-label", "Mục");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "link remove";
    remove.textContent = "Bỏ";
    remove.setAttribute("aria-label", "Bỏ mục này");
    remove.addEventListener("click", () => row.remove());
    row.append(el, remove);
    return row;
  }

  function open(button) {
    const kind = button.dataset.type;
    const current = JSON.parse(button.dataset.value);
    path.value = button.dataset.path;
    type.value = kind;
    label.textContent = button.dataset.label;
    editor.textContent = "";
    result.textContent = "";
    if (kind === "list" || kind === "agencies") {
      const rows = document.createElement("div");
      rows.id = "c-items";
      (Array.isArray(current) ? current : current ? [current] : []).forEach((v) => rows.append(listRow(kind, v)));
      if (!rows.children.length) rows.append(listRow(kind, ""));
      const add = document.createElement("button");
      add.type = "button";
      add.id = "c-add";
      add.textContent = "Thêm dòng";
      add.addEventListener("click", () => {
        const row = listRow(kind, "");
        rows.append(row);
        row.querySelector(".item").focus();
      });
      editor.append(rows, add);
    } else {
      if (kind === "date") {
        editor.append(dateField(current));
      } else {
        const el = input(kind, current);
        el.id = "c-value";
        el.name = "value";
        editor.append(el);
      }
    }
    hint.textContent = HINTS[kind] || "Để trống nếu muốn xóa giá trị.";
    form.hidden = false;
    empty.hidden = true;
    form.scrollIntoView({ behavior: "smooth", block: "start" });
    const first = editor.querySelector("input, textarea, select");
    if (first) first.focus({ preventScroll: true });
  }

  document.querySelectorAll("button.edit").forEach((b) => b.addEventListener("click", () => open(b)));

  // Agencies: the list offered under an agency field starts with the ones this document names; as the
  // person types, the known agencies holding every word typed replace it (/ui/agencies).
  const agencies = document.getElementById("agencies");
  const named = Array.from(agencies.options).map((o) => o.value);
  let pending = null;
  let asked = "";
  function suggest(typed) {
    const q = typed.trim();
    if (q === asked) return;
    asked = q;
    if (q.length < 2) { fill(named); return; }
    fetch("/ui/agencies?q=" + encodeURIComponent(q), { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : []))
      .then((names) => { if (q === asked) fill(names.length ? names : named); })
      .catch(() => {});
  }
  function fill(names) {
    agencies.textContent = "";
    names.forEach((n) => { const o = document.createElement("option"); o.value = n; agencies.append(o); });
  }
  editor.addEventListener("input", (e) => {
    if (e.target.getAttribute("list") !== "agencies") return;
    clearTimeout(pending);
    pending = setTimeout(() => suggest(e.target.value), 200);
  });

  // after saving, the page reloads: show the field just corrected (its group open, the row marked)
  const KEY = "vanban.corrected";
  const just = window.sessionStorage && sessionStorage.getItem(KEY);
  if (just) {
    sessionStorage.removeItem(KEY);
    const cell = Array.from(document.querySelectorAll("td[data-path]")).find((td) => td.dataset.path === just);
    if (cell) {
      const group = cell.closest("details");
      if (group) group.open = true;
      cell.parentElement.classList.add("just-corrected");
      cell.scrollIntoView({ block: "center" });
    }
  }
  document.getElementById("c-cancel").addEventListener("click", () => { form.hidden = true; empty.hidden = false; });

  function value() {
    const kind = type.value;
    if (kind === "list" || kind === "agencies") {
      return Array.from(editor.querySelectorAll(".item")).map((el) => el.value.trim()).filter(Boolean);
    }
    const text = document.getElementById("c-value").value.trim();
    if (text === "") return null;
    if (kind === "number") return Number(text.replace(",", "."));
    if (kind === "date") {
      const iso = isoDay(text);
      if (!iso) throw new Error("Ngày không hợp lệ: “" + text + "”. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 15/05/2017.");
      return iso;
    }
    return text;
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    let sent;
    try {
      sent = value();
    } catch (err) {
      result.className = "error";
      result.textContent = err.message;
      return;
    }
    result.className = "";
    result.textContent = "Đang lưu…";
    fetch("/api/documents/" + form.dataset.doc + "/corrections", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ path: path.value, value: sent }),
    })
      .then((r) => r.json().then((b) => [r.status, b]))
      .then(([status, body]) => {
        if (status === 201) {
          result.textContent = "Đã lưu.";
          if (window.sessionStorage) sessionStorage.setItem(KEY, path.value);
          window.location.reload();
        } else {
          result.className = "error";
          result.textContent = body.message_vi || "Không lưu được (mã lỗi " + status + ").";
        }
      })
      .catch(() => { result.className = "error"; result.textContent = "Mất kết nối."; });
  });
})();

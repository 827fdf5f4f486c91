// The correction form of the document view: "Sửa" fills it with a field's path and value; saving posts
// one correction to the API and reloads the page, which then shows the corrected record and its history.
"use strict";
(function () {
  const form = document.getElementById("correction");
  if (!form) return;
  const path = document.getElementById("c-path");
  const value = document.getElementById("c-value");
  const type = document.getElementById("c-type");
  const hint = document.getElementById("c-hint");
  const result = document.getElementById("c-result");
  const HINTS = {
    list: "Danh sách: mỗi dòng một mục.",
    date: "Ngày theo dạng NNNN-TT-NN, ví dụ 2024-06-30.",
    number: "Một số, ví dụ 95 hoặc 12.5.",
    level: "Một trong: national, ministry, province, district, commune.",
    relation: "Một trong: implements, based_on, promulgated_by, cites.",
  };

  document.querySelectorAll("button.edit").forEach((b) => {
    b.addEventListener("click", () => {
      const current = JSON.parse(b.dataset.value);
      path.value = b.dataset.path;
      type.value = b.dataset.type;
      value.value = Array.isArray(current) ? current.join("\n") : current === null ? "" : String(current);
      hint.textContent = HINTS[b.dataset.type] || "Để trống nếu muốn xóa giá trị.";
      value.focus();
      form.scrollIntoView({ behavior: "smooth", block: "start" });
    });
  });

  function parse(raw, kind) {
    const text = raw.trim();
    if (kind === "list") return text ? text.split("\n").map((s) => s.trim()).filter(Boolean) : [];
    if (text === "") return null;
    if (kind === "number") return Number(text.replace(",", "."));
    return text;
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    result.className = "";
    result.textContent = "Đang lưu…";
    fetch("/api/documents/" + form.dataset.doc + "/corrections", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ path: path.value.trim(), value: parse(value.value, type.value) }),
    })
      .then((r) => r.json().then((b) => [r.status, b]))
      .then(([status, body]) => {
        if (status === 201) {
          result.textContent = "Đã lưu.";
          window.location.reload();
        } else {
          result.className = "error";
          result.textContent = body.message_vi || body.message || "Lỗi " + status;
        }
      })
      .catch(() => { result.className = "error"; result.textContent = "Mất kết nối."; });
  });
})();

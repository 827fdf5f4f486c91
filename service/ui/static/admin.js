// The admin page: make a key (shown once) and revoke keys, through the JSON API.
"use strict";
(function () {
  const form = document.getElementById("new-key");
  const out = document.getElementById("key-result");
  function call(method, url, body) {
    return fetch(url, {
      method, credentials: "same-origin",
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    }).then((r) => r.json().then((b) => [r.status, b]));
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const body = { name: f.get("name"), role: f.get("role") };
    if (f.get("province")) body.province = f.get("province");
    if (f.get("district")) body.district = f.get("district");
    call("POST", "/api/keys", body).then(([status, b]) => {
      out.textContent = "";
      if (status === 201) {
        out.append("Khóa mới (chỉ hiện một lần, hãy gửi cho người dùng): ");
        const code = document.createElement("code");
        code.textContent = b.key;
        out.append(code);
      } else {
        out.className = "error";
        out.textContent = b.message_vi || b.message;
      }
    });
  });
  document.querySelectorAll("button.revoke").forEach((btn) => btn.addEventListener("click", () => {
    if (!window.confirm("Thu hồi khóa #" + btn.dataset.id + "?")) return;
    call("DELETE", "/api/keys/" + btn.dataset.id).then(() => window.location.reload());
  }));
})();

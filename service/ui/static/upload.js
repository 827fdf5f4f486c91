// Upload with progress: one XMLHttpRequest per file (fetch cannot report upload progress), then the
// job is polled until the document has been read. The session cookie authenticates (same origin).
"use strict";
(function () {
  const form = document.getElementById("upload");
  if (!form) return;
  const input = document.getElementById("files");
  const list = document.getElementById("uploads");
  const drop = form.querySelector(".drop");
  const STATUS = { queued: "Đang chờ xử lý", running: "Đang đọc văn bản", done: "Hoàn tất", failed: "Lỗi" };

  function row(name) {
    const li = document.createElement("li");
    const title = document.createElement("div");
    title.textContent = name;
    const bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    const state = document.createElement("div");
    state.className = "muted small";
    state.textContent = "Đang tải lên… 0%";
    li.append(title, bar, state);
    list.prepend(li);
    return { li, bar, state };
  }

  function message(body, fallback) {
    return (body && (body.message_vi || body.message)) || fallback;
  }

  function poll(jobId, ui) {
    fetch("/api/jobs/" + jobId, { credentials: "same-origin" })
      .then((r) => r.json().then((b) => [r.ok, b]))
      .then(([ok, job]) => {
        if (!ok) { ui.state.textContent = message(job, "Không xem được trạng thái"); return; }
        ui.state.textContent = STATUS[job.status] || job.status;
        ui.li.dataset.status = job.status;
        if (job.status === "done") {
          ui.bar.value = 100;
          const a = document.createElement("a");
          a.href = "/documents/" + (job.result_document_id || job.document_id);
          a.textContent = " Xem văn bản";
          a.className = "open-document";
          ui.state.append(a);
        } else if (job.status === "failed") {
          ui.state.className = "error small";
          ui.state.textContent = message(job.error, "Không đọc được văn bản");
        } else {
          setTimeout(() => poll(jobId, ui), 800);
        }
      })
      .catch(() => setTimeout(() => poll(jobId, ui), 2000));
  }

  function send(file) {
    const ui = row(file.name);
    const data = new FormData();
    data.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/documents");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        const pct = Math.round((e.loaded / e.total) * 100);
        ui.bar.value = pct;
        ui.state.textContent = "Đang tải lên… " + pct + "%";
      }
    };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status === 202 || xhr.status === 200) {
        ui.bar.value = 100;
        if (xhr.status === 200) ui.state.textContent = "Tệp này đã có trong kho.";
        if (body.job) poll(body.job.id, ui);
        else if (body.document && body.document.id) {
          const a = document.createElement("a");
          a.href = "/documents/" + body.document.id;
          a.textContent = " Xem văn bản";
          ui.state.append(a);
        }
      } else {
        ui.state.className = "error small";
        ui.state.textContent = message(body, "Lỗi " + xhr.status);
      }
    };
    xhr.onerror = () => { ui.state.className = "error small"; ui.state.textContent = "Mất kết nối khi tải lên."; };
    xhr.send(data);
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    Array.from(input.files).forEach(send);
    input.value = "";
  });
  ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.remove("over"); }));
  drop.addEventListener("drop", (e) => Array.from(e.dataTransfer.files).forEach(send));
})();

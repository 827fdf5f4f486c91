// Upload with progress: one XMLHttpRequest per file (fetch cannot report upload progress), then the
// job is polled until the document has been read. The session cookie authenticates (same origin).
// Files sent together are a batch: its bar counts files settled (read, failed or already held), and a
// notice says when the last one has settled. A failure shows as one: red, with the reason in Vietnamese.
"use strict";
(function () {
  const form = document.getElementById("upload");
  if (!form) return;
  const input = document.getElementById("files");
  const list = document.getElementById("uploads");
  const drop = form.querySelector(".drop");
  const batchBox = document.getElementById("batch");
  const batchStatus = document.getElementById("batch-status");
  const batchBar = document.getElementById("batch-bar");
  const notice = document.getElementById("batch-done");
  const STATUS = { queued: "Đang chờ xử lý", running: "Đang đọc văn bản", done: "Hoàn tất", failed: "Lỗi" };
  const batch = { total: 0, done: 0, failed: 0 };

  function drawBatch() {
    const settled = batch.done + batch.failed;
    batchBox.hidden = false;
    batchBar.value = batch.total ? Math.round((settled / batch.total) * 100) : 0;
    batchBar.className = settled < batch.total ? "" : !batch.failed ? "done" : batch.done ? "mixed" : "bad";
    batchStatus.textContent = "Lô " + batch.total + " tệp: đã xong " + settled + "/" + batch.total
      + " (" + batch.done + " hoàn tất, " + batch.failed + " lỗi).";
    if (settled === batch.total) {
      notice.hidden = false;
      notice.className = "notice " + (batch.failed ? "bad" : "ok");
      notice.textContent = "Đã xử lý xong lô " + batch.total + " tệp: " + batch.done + " hoàn tất"
        + (batch.failed ? ", " + batch.failed + " lỗi (xem lý do bên dưới)." : ".");
      batch.total = batch.done = batch.failed = 0; // the next files start a new batch
    }
  }

  function start(n) {
    if (batch.total === 0) notice.hidden = true;
    batch.total += n;
    drawBatch();
  }

  function row(name) {
    const li = document.createElement("li");
    const title = document.createElement("div");
    title.className = "file";
    title.textContent = name;
    const bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    const state = document.createElement("div");
    state.className = "muted small state";
    state.textContent = "Đang tải lên… 0%";
    li.dataset.status = "uploading";
    li.append(title, bar, state);
    list.prepend(li);
    return { li, bar, state, settled: false };
  }

  function message(body, fallback) {
    return (body && body.message_vi) || fallback;
  }

  function openLink(ui, id) {
    const a = document.createElement("a");
    a.href = "/documents/" + id;
    a.textContent = " Xem văn bản";
    a.className = "open-document";
    ui.state.append(a);
  }

  function succeed(ui, text, docId) {
    if (ui.settled) return;
    ui.settled = true;
    ui.li.dataset.status = "done";
    ui.li.className = "done";
    ui.bar.value = 100;
    ui.bar.className = "done";
    ui.state.className = "small state";
    ui.state.textContent = text;
    if (docId) openLink(ui, docId);
    batch.done += 1;
    drawBatch();
  }

  function fail(ui, text) {
    if (ui.settled) return;
    ui.settled = true;
    ui.li.dataset.status = "failed";
    ui.li.className = "failed";
    ui.bar.remove(); // a full bar would say it went well
    ui.state.className = "error small state";
    ui.state.textContent = "";
    const badge = document.createElement("span");
    badge.className = "badge failed";
    badge.textContent = "Lỗi";
    ui.state.append(badge, " " + text);
    batch.failed += 1;
    drawBatch();
  }

  function poll(jobId, ui, tries) {
    fetch("/api/jobs/" + jobId, { credentials: "same-origin" })
      .then((r) => r.json().then((b) => [r.ok, b]))
      .then(([ok, job]) => {
        if (!ok) { fail(ui, message(job, "Không xem được trạng thái xử lý.")); return; }
        if (job.status === "done") {
          succeed(ui, "Hoàn tất.", job.result_document_id || job.document_id);
        } else if (job.status === "failed") {
          fail(ui, message(job.error, "Không đọc được văn bản."));
        } else {
          ui.li.dataset.status = job.status;
          ui.state.textContent = STATUS[job.status] || "Đang xử lý";
          ui.bar.removeAttribute("value"); // sent; now being read: a bar that moves, not a full one
          setTimeout(() => poll(jobId, ui, 0), 800);
        }
      })
      .catch(() => {
        if (tries > 10) fail(ui, "Mất kết nối khi theo dõi xử lý.");
        else setTimeout(() => poll(jobId, ui, tries + 1), 2000);
      });
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
      if (xhr.status === 202 && body && body.job) {
        ui.state.textContent = STATUS.queued;
        poll(body.job.id, ui, 0);
      } else if (xhr.status === 200 && body && body.document && body.document.id) {
        succeed(ui, "Tệp này đã có trong kho.", body.document.id);
      } else {
        fail(ui, message(body, "Máy chủ không nhận tệp (mã lỗi " + xhr.status + ")."));
      }
    };
    xhr.onerror = () => fail(ui, "Mất kết nối khi tải lên.");
    xhr.send(data);
  }

  function sendAll(files) {
    if (!files.length) return;
    start(files.length);
    files.forEach(send);
  }

  const chosen = document.getElementById("chosen");
  function showChosen() {
    const n = input.files.length;
    chosen.textContent = n === 0 ? "Chưa chọn tệp nào." : n === 1 ? "Đã chọn: " + input.files[0].name : "Đã chọn " + n + " tệp.";
  }
  input.addEventListener("change", showChosen);

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    sendAll(Array.from(input.files));
    input.value = "";
    showChosen();
  });
  ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.remove("over"); }));
  drop.addEventListener("drop", (e) => sendAll(Array.from(e.dataTransfer.files)));
})();

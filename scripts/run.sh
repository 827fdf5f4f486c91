#!/usr/bin/env bash
# The main job: set up, ingest the sample corpus into the embedded store, serve the web UI and API.
# Ends by saying which address to open and how to log in (the key printed on the first start).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/vanban ingest corpus/documents
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
# First start only: an admin key to log in to the web UI with (printed once; more: vanban keys create)
key=$(.venv/bin/vanban keys create --role admin --name "admin (run.sh)" --if-none)

.venv/bin/vanban serve --host "$HOST" --port "$PORT" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null; wait "$server"' INT TERM
# wait until it answers, then say where to go (the server's own log lines come before this)
for _ in $(seq 1 120); do
  if .venv/bin/python -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" \
      "http://127.0.0.1:$PORT/api/health" 2>/dev/null; then
    break
  fi
  kill -0 "$server" 2>/dev/null || { wait "$server"; exit $?; }
  sleep 0.5
done
open_host="$HOST"; [ "$HOST" = "0.0.0.0" ] && open_host="127.0.0.1"
echo
echo "vanban đang chạy. Mở trình duyệt tại: http://$open_host:$PORT"
if [ -n "$key" ]; then
  echo "Đăng nhập bằng khóa quản trị này (chỉ in một lần, hãy lưu lại): $key"
else
  echo "Đăng nhập bằng khóa quản trị đã in ở lần chạy đầu tiên (dòng bắt đầu bằng vb_)."
  echo "Mất khóa: .venv/bin/vanban keys create --role admin --name \"Quản trị\" để tạo khóa mới."
fi
echo "Dừng máy chủ: Ctrl+C."
wait "$server"

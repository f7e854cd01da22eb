#!/usr/bin/env bash
# Serves the demo job board: www/demo/ at / and a built folder (`jobsift build --out`)
# at /jobs/, on 127.0.0.1 only.
#   scripts/serve-demo.sh <out-dir> [--csp]
# PORT (default 8080; 0 picks a free one, printed as "serving http://127.0.0.1:N/").
# --csp sends the strict policy the widget must work under:
#   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'
# Single byte ranges ("Range: bytes=a-b") are answered 206, as static hosts and CDNs do:
# a chunked index's blocks are fetched that way. NO_RANGES=1 answers them 200 with the
# whole file instead, like a host without range support.
set -euo pipefail
cd "$(dirname "$0")/.."
out_dir="${1:?usage: scripts/serve-demo.sh <out-dir> [--csp]}"
csp="${2:-}"
[ -f "$out_dir/jobsift.js" ] || { echo "serve-demo: $out_dir/jobsift.js missing: run jobsift build --out $out_dir" >&2; exit 1; }
exec python3 - "$(pwd)/www/demo" "$(cd "$out_dir" && pwd)" "${PORT:-8080}" "$csp" "${NO_RANGES:-}" <<'PY'
import http.server, io, os, re, sys
from urllib.parse import unquote

demo_dir, out_dir, port, csp = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "--csp"
ranges = sys.argv[5] != "1"
POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"

class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript", ".idx": "application/octet-stream", ".pack": "application/octet-stream"}

    def translate_path(self, path):
        # /jobs/… comes from the built folder, everything else from the demo site.
        clean = unquote(path.split("?", 1)[0].split("#", 1)[0])
        if clean == "/jobs" or clean.startswith("/jobs/"):
            rest = clean[len("/jobs"):]
            return os.path.join(out_dir, *[p for p in rest.split("/") if p and p not in (".", "..")])
        return os.path.join(demo_dir, *[p for p in clean.split("/") if p and p not in (".", "..")])

    def send_head(self):
        # One byte range of a file, 206; anything else as the base class serves it.
        wanted = re.fullmatch(r"bytes=(\d+)-(\d*)", (self.headers.get("Range") or "").strip())
        path = self.translate_path(self.path)
        if not (ranges and wanted and os.path.isfile(path)):
            return super().send_head()
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            start = int(wanted[1])
            end = min(int(wanted[2]) if wanted[2] else size - 1, size - 1)
            if start > end:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            f.seek(start)
            body = f.read(end - start + 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        # The bundle and index may be loaded from another origin (a CDN set-up).
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Accept-Ranges", "bytes" if ranges else "none")
        if csp:
            self.send_header("Content-Security-Policy", POLICY)
        super().end_headers()

    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
print(f"serving http://127.0.0.1:{server.server_address[1]}/ (built folder at /jobs/{', CSP on' if csp else ''})", flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
PY

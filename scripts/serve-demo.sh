#!/usr/bin/env bash
# Serves the demo job board: www/demo/ at / and a built folder (`jobsift build --out`)
# at /jobs/, on 127.0.0.1 only.
#   scripts/serve-demo.sh <out-dir> [--csp]
# PORT (default 8080; 0 picks a free one, printed as "serving http://127.0.0.1:N/").
# --csp sends the strict policy the widget must work under:
#   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'
set -euo pipefail
cd "$(dirname "$0")/.."
out_dir="${1:?usage: scripts/serve-demo.sh <out-dir> [--csp]}"
csp="${2:-}"
[ -f "$out_dir/jobsift.js" ] || { echo "serve-demo: $out_dir/jobsift.js missing: run jobsift build --out $out_dir" >&2; exit 1; }
exec python3 - "$(pwd)/www/demo" "$(cd "$out_dir" && pwd)" "${PORT:-8080}" "$csp" <<'PY'
import http.server, os, sys
from urllib.parse import unquote

demo_dir, out_dir, port, csp = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "--csp"
POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"

class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript", ".idx": "application/octet-stream"}

    def translate_path(self, path):
        # /jobs/… comes from the built folder, everything else from the demo site.
        clean = unquote(path.split("?", 1)[0].split("#", 1)[0])
        if clean == "/jobs" or clean.startswith("/jobs/"):
            rest = clean[len("/jobs"):]
            return os.path.join(out_dir, *[p for p in rest.split("/") if p and p not in (".", "..")])
        return os.path.join(demo_dir, *[p for p in clean.split("/") if p and p not in (".", "..")])

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        # The bundle and index may be loaded from another origin (a CDN set-up).
        self.send_header("Access-Control-Allow-Origin", "*")
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

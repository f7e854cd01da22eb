// A static server for the browser tests that can also misbehave on purpose. It serves
// the same tree as scripts/serve-demo.sh (a built folder at /jobs/, www/demo at /) with
// the same strict CSP and MIME types, on 127.0.0.1 and a free port, and answers the
// index-like paths under /jobs/fault/ with network faults:
//
//   /jobs/fault/status-500.idx  HTTP 500 with a text body
//   /jobs/fault/slow.idx        headers and the first KiB at once, the rest only when the
//                               test calls release('slow') (so the loading state can be
//                               looked at without guessing a delay)
//   /jobs/fault/abort.idx       headers with the full Content-Length, half the body, then
//                               the socket is destroyed
//   /jobs/fault/flaky.idx       HTTP 500 on the first request, the real index afterwards
//
// Every fault route serves the real index (jobsift.idx of the folder) when it succeeds.
// `requests[name]` counts the requests per fault route.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { repo, requestedRange } from './helpers.mjs';

export const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.idx': 'application/octet-stream', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};

/** Serves `dir` at /jobs/ and www/demo at /; resolves to { url, requests, release, stop }. */
export async function startFaultServer(dir) {
  const demo = path.join(repo, 'www/demo');
  const requests = {};
  const gates = new Map(); // fault name -> { promise, open }
  const gate = (name) => {
    if (!gates.has(name)) {
      let open;
      const promise = new Promise((resolve) => { open = resolve; });
      gates.set(name, { promise, open });
    }
    return gates.get(name);
  };
  const sockets = new Set();

  const headers = (type, extra = {}) => ({
    'Content-Type': type, 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*',
    'Content-Security-Policy': POLICY, ...extra,
  });
  const realIndex = () => fs.readFileSync(path.join(dir, 'jobsift.idx'));

  async function fault(name, response) {
    requests[name] = (requests[name] || 0) + 1;
    const idx = { 'Content-Type': 'application/octet-stream' };
    switch (name) {
      case 'status-500':
        response.writeHead(500, headers('text/plain; charset=utf-8'));
        return response.end('Internal Server Error');
      case 'flaky':
        if (requests[name] === 1) {
          response.writeHead(500, headers('text/plain; charset=utf-8'));
          return response.end('Internal Server Error (the first time only)');
        }
        break;
      case 'slow': {
        const body = realIndex();
        response.writeHead(200, headers(idx['Content-Type'], { 'Content-Length': body.length }));
        response.write(body.subarray(0, 1024));
        await gate('slow').promise;
        return response.end(body.subarray(1024));
      }
      case 'abort': {
        const body = realIndex();
        response.writeHead(200, headers(idx['Content-Type'], { 'Content-Length': body.length }));
        response.write(body.subarray(0, body.length >> 1), () => response.socket?.destroy());
        return undefined;
      }
      default:
        response.writeHead(404, headers('text/plain; charset=utf-8'));
        return response.end(`no fault named ${name}`);
    }
    const body = realIndex();
    response.writeHead(200, headers(idx['Content-Type'], { 'Content-Length': body.length }));
    return response.end(body);
  }

  const server = http.createServer((request, response) => {
    const clean = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const faultMatch = clean.match(/^\/jobs\/fault\/([\w-]+)\.idx$/);
    if (faultMatch) {
      fault(faultMatch[1], response).catch((error) => response.destroy(error));
      return;
    }
    // The packs of the real (chunked) index, next to the fault routes that serve its core,
    // answered by byte range as static hosts do.
    const packMatch = clean.match(/^\/jobs\/fault\/(jobsift-[0-9a-f]{16}\.pack)$/);
    if (packMatch) {
      const pack = fs.readFileSync(path.join(dir, packMatch[1]));
      const range = requestedRange(request, pack.length);
      const { start, end } = range ?? { start: 0, end: pack.length - 1 };
      const body = pack.subarray(start, end + 1);
      const extra = range ? { 'Content-Range': `bytes ${start}-${end}/${pack.length}` } : {};
      response.writeHead(range ? 206 : 200, headers('application/octet-stream', { 'Content-Length': body.length, ...extra }));
      response.end(body);
      return;
    }
    const inJobs = clean === '/jobs' || clean.startsWith('/jobs/');
    const root = inJobs ? dir : demo;
    const rest = (inJobs ? clean.slice('/jobs'.length) : clean).split('/').filter((p) => p && p !== '.' && p !== '..');
    let file = path.join(root, ...rest);
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      response.writeHead(404, headers('text/html; charset=utf-8'));
      response.end('<!doctype html><title>Not found</title>');
      return;
    }
    const body = fs.readFileSync(file);
    response.writeHead(200, headers(TYPES[path.extname(file)] || 'application/octet-stream', { 'Content-Length': body.length }));
    response.end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    /** Lets the held part of a gated response (`slow`) go out. */
    release: (name) => gate(name).open(),
    /** Forgets counts and gates, so a fault starts over (flaky fails once again). */
    reset: () => {
      for (const key of Object.keys(requests)) delete requests[key];
      for (const { open } of gates.values()) open();
      gates.clear();
    },
    stop: () => new Promise((resolve) => {
      for (const { open } of gates.values()) open();
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

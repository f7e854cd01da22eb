// jobsift loader: the one file a site links with
//   <script type="module" src="/jobs/jobsift.js" data-index="jobsift.idx"></script>
//   <div id="jobsift">…optional fallback content, kept until the search is ready…</div>
// Everything else (the WebAssembly, its glue, the styles, the index) is found relative to
// this file's own URL, so the folder works from a subpath or another origin (a CDN must
// send `Access-Control-Allow-Origin` for the index and the wasm).
// The build (scripts/build-widget.sh) replaces the three __JOBSIFT_…__ names with the
// content-hashed file names; this file itself keeps a stable name.

const WASM_FILE = '__JOBSIFT_WASM__';
const GLUE_FILE = '__JOBSIFT_GLUE__';
const CSS_FILE = '__JOBSIFT_CSS__';
const base = new URL('.', import.meta.url);

let runtime;
let wasmMemory = null; // the instance's linear memory, for memoryBytes()
// Downloads and instantiates the wasm once per page, however many widgets mount.
function loadRuntime() {
  runtime ??= import(new URL(GLUE_FILE, base).href).then(async (glue) => {
    const exports = await glue.default({ module_or_path: fetch(new URL(WASM_FILE, base)) });
    wasmMemory = exports.memory ?? null;
    return glue;
  });
  return runtime;
}

// Blocks of a chunked index (a core jobsift.idx plus jobsift-<hash>.pack files beside it):
// each is one byte range of a pack, raw deflate, which the browser inflates. Blocks that
// lie together in a pack come in one request (a phrase search on a large board reads
// the text of thousands of posts), each inflated on its own. A host that ignores Range
// requests answers 200 with the whole pack; it is then kept, and later blocks of it are
// cut from it (slower, still correct).
const wholePacks = new Map();
async function fetchBlocks(indexUrl, pack, offset, length, parts) {
  const url = new URL(pack, indexUrl).href;
  let bytes;
  if (wholePacks.has(url)) {
    bytes = new Uint8Array(await wholePacks.get(url), offset, length);
  } else {
    // Past the HTTP cache: Chromium lets one request per URL through its cache at a time,
    // and every block of a pack has the pack's URL, so 17 ranges took 17 round trips one
    // after another (10.8 s at 300 ms each, against 0.9 s). Blocks are kept in memory.
    const response = await fetch(url, { headers: { Range: `bytes=${offset}-${offset + length - 1}` }, cache: 'no-store' });
    const sent = Number(response.headers.get('Content-Length') ?? NaN);
    if (response.status === 206 && sent === length && response.body && parts.length === 2) {
      // One block, inflated as it arrives (a block of a large board's postings is megabytes).
      return [await inflate(response.body)];
    }
    if (response.status === 206) {
      bytes = new Uint8Array(await response.arrayBuffer());
    } else if (response.ok) {
      // Blocks of one pack are requested together: the first whole answer is kept, and
      // the others' downloads are cancelled rather than each reading the whole pack.
      let whole = wholePacks.get(url);
      if (whole) {
        response.body?.cancel().catch(() => {});
      } else {
        whole = response.arrayBuffer();
        wholePacks.set(url, whole);
        whole.catch(() => wholePacks.delete(url));
      }
      const buffer = await whole;
      if (buffer.byteLength < offset + length) throw new Error(`${url} is shorter than the index says`);
      bytes = new Uint8Array(buffer, offset, length);
    } else {
      throw new Error(`HTTP ${response.status} for ${url}`);
    }
  }
  if (bytes.byteLength !== length) throw new Error(`${url} answered ${bytes.byteLength} bytes for ${length}`);
  // `parts` is [start, length, start, length, …] within the range.
  const blocks = [];
  for (let i = 0; i < parts.length; i += 2) blocks.push(inflate(new Blob([bytes.subarray(parts[i], parts[i] + parts[i + 1])]).stream()));
  return Promise.all(blocks);
}

async function inflate(compressed) {
  return new Uint8Array(await new Response(compressed.pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer());
}

function ensureStyles() {
  if (document.querySelector('link[data-jobsift-css]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL(CSS_FILE, base).href;
  link.dataset.jobsiftCss = '';
  document.head.append(link);
}

function hasContent(node) {
  return node.nodeType === Node.ELEMENT_NODE || (node.nodeType === Node.TEXT_NODE && node.textContent.trim() !== '');
}

/**
 * Mounts a search widget into `element`.
 * options: { index: URL of the index relative to this script (default "jobsift.idx"),
 *            pageSize, today: "YYYY-MM-DD", syncUrl: boolean, labels: {…}, facetLabels: {…},
 *            valueLabels: { facet: { value: label } } }
 * Resolves to the element once the widget has started; its `jobsift:ready` or
 * `jobsift:error` event follows when the index has loaded or failed.
 */
export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('jobsift.mount: expected an element');
  if ('jobsiftMounted' in element.dataset) return element;
  element.dataset.jobsiftMounted = '';
  const { index = 'jobsift.idx', ...widgetOptions } = options;
  const indexUrl = new URL(index, base).href;
  // Start the index download at once, in parallel with the wasm.
  const prefetched = fetch(indexUrl);
  prefetched.catch(() => {}); // reported by the widget, which awaits the same promise
  ensureStyles();

  const fallback = [...element.childNodes].filter(hasContent);
  const root = document.createElement('div');
  root.className = 'jobsift';
  // Progressive enhancement: the host's own content stays visible until there is
  // something better; with none, the widget's loading state shows at once.
  root.hidden = fallback.length > 0;
  element.append(root);
  element.setAttribute('aria-busy', 'true');

  const onStatus = (status) => {
    element.removeAttribute('aria-busy');
    if (status === 'ready') for (const node of fallback) node.remove();
    root.hidden = false;
    element.dataset.jobsiftStatus = status;
    element.dispatchEvent(new CustomEvent(`jobsift:${status}`, { bubbles: true }));
  };
  try {
    const glue = await loadRuntime();
    glue.mount(root, indexUrl, widgetOptions, prefetched, onStatus,
      (pack, offset, length, parts) => fetchBlocks(indexUrl, pack, offset, length, parts));
  } catch (error) {
    // The wasm itself failed (blocked by a CSP without 'wasm-unsafe-eval', a 404, an old
    // browser): say so in the page, as text, and keep the host's content.
    const message = document.createElement('p');
    message.className = 'jobsift-status jobsift-error';
    message.setAttribute('role', 'alert');
    message.textContent = `The job search could not start: ${error && error.message ? error.message : error}`;
    root.replaceChildren(message);
    onStatus('error');
    console.error('jobsift:', error);
  }
  return element;
}

function optionsFromDataset(script, element) {
  const options = {};
  const index = element.dataset.jobsift || element.dataset.index || script?.dataset.index;
  if (index) options.index = index;
  const pageSize = element.dataset.pageSize || script?.dataset.pageSize;
  // A size that is not a whole number above 0 is left to the default, not an error.
  if (/^\s*\d+\s*$/.test(pageSize ?? '') && Number(pageSize) > 0) options.pageSize = Number(pageSize);
  const today = element.dataset.today || script?.dataset.today;
  if (today) options.today = today;
  const syncUrl = element.dataset.syncUrl ?? script?.dataset.syncUrl;
  if (syncUrl !== undefined) options.syncUrl = syncUrl !== 'false';
  return options;
}

// Auto-mount: module scripts run after the document is parsed, so the mount elements
// exist. The script tag carrying this file supplies the data-* options.
const ownScript = [...document.querySelectorAll('script[type="module"][src]')].find((s) => s.src === import.meta.url);
const targets = document.querySelectorAll('#jobsift, [data-jobsift]');
if (ownScript?.dataset.manual === undefined && targets.length > 0) {
  loadRuntime().catch(() => {}); // start the wasm download without waiting for mount
  for (const element of targets) mount(element, optionsFromDataset(ownScript, element));
}

/**
 * Diagnostic: the size in bytes of the widget's WebAssembly linear memory (shared by all
 * widgets on the page), or null before the wasm has loaded. It only grows (by 64 KiB
 * pages); the leak test reads it after many searches.
 */
function memoryBytes() {
  return wasmMemory ? wasmMemory.buffer.byteLength : null;
}

const jobsift = { mount, memoryBytes };
// Not `??=`: on a page with <div id="jobsift">, window.jobsift already names that element.
if (typeof globalThis.jobsift?.mount !== 'function') globalThis.jobsift = jobsift;
export default jobsift;

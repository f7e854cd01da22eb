// Gives the wasm's imports and exports short names, in the wasm and in its glue alike:
//   node scripts/short-imports.mjs <module.wasm> <glue.js>   (both rewritten in place)
//
// Why: wasm-bindgen names each import after its Rust binding plus a 16-digit hash
// ("__wbg_appendChild_1b2c…"). The hashes keep names unique across crates, but each is
// written twice (the wasm's import section and the glue's import object) and random hex
// does not compress: the widget's 173 imports cost about 4 KB brotli (measured 2026-11-25).
//
// The exports for closures are named after their whole Rust signature (up to 160 characters).
//
// A name is only renamed where the glue uses it in the one expected way (an import as the
// key of the import object, an export as `wasm.name`); anything else is left as it was, so
// the pair stays consistent whatever wasm-bindgen writes.
import { readFileSync, writeFileSync } from "node:fs";

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath || !gluePath) {
  console.error("usage: node scripts/short-imports.mjs <module.wasm> <glue.js>");
  process.exit(2);
}

const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, "utf8");

function readUnsigned(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return [value, at];
  }
}

function writeUnsigned(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return Buffer.from(out);
}

function writeName(name) {
  const bytes = Buffer.from(name, "utf8");
  return Buffer.concat([writeUnsigned(bytes.length), bytes]);
}

// Reads past an import's description (kind byte and what that kind carries).
function skipImportDescription(bytes, at) {
  const kind = bytes[at++];
  const skipLimits = (from) => {
    const flags = bytes[from++];
    let next;
    [, next] = readUnsigned(bytes, from);
    if (flags & 1) [, next] = readUnsigned(bytes, next);
    return next;
  };
  switch (kind) {
    case 0: // function: type index
      return readUnsigned(bytes, at)[1];
    case 1: // table: element type, limits
      return skipLimits(at + 1);
    case 2: // memory: limits
      return skipLimits(at);
    case 3: // global: value type, mutability
      return at + 2;
    case 4: // tag: attribute, type index
      return readUnsigned(bytes, at + 1)[1];
    default:
      throw new Error(`import of unknown kind ${kind}`);
  }
}

// Short, distinct identifiers: a … z, A … Z, then two letters and so on.
function* shortNames() {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (let length = 1; ; length++) {
    const indexes = new Array(length).fill(0);
    for (;;) {
      yield indexes.map((i) => letters[i]).join("");
      let position = length - 1;
      while (position >= 0 && ++indexes[position] === letters.length) indexes[position--] = 0;
      if (position < 0) break;
    }
  }
}

const escapeForPattern = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const keyPattern = (name) => new RegExp(`(?<![\\w$])${escapeForPattern(name)}(?=:)`, "g");
const memberPattern = (name) => new RegExp(`\\.${escapeForPattern(name)}(?![\\w$])`, "g");
const anyPattern = (name) => new RegExp(`(?<![\\w$])${escapeForPattern(name)}(?![\\w$])`, "g");

const sections = [];
let at = 8;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, contentStart] = readUnsigned(wasm, at + 1);
  sections.push({ id, start: at, contentStart, end: contentStart + size });
  at = contentStart + size;
}

// Rewrites a section that is a vector of entries: `rewriteEntry` reads the entry at a
// position and returns its bytes, renamed or not, and the position after it.
function rewriteSection(section, rewriteEntry) {
  const parts = [];
  let [count, cursor] = readUnsigned(wasm, section.contentStart);
  parts.push(writeUnsigned(count));
  for (let index = 0; index < count; index++) {
    const [bytes, next] = rewriteEntry(cursor);
    parts.push(bytes);
    cursor = next;
  }
  if (cursor !== section.end) throw new Error(`section ${section.id} did not end where its size said`);
  const content = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([section.id]), writeUnsigned(content.length), content]);
}

const readName = (at) => {
  const [length, start] = readUnsigned(wasm, at);
  return [wasm.subarray(start, start + length).toString("utf8"), start + length];
};
const count = (pattern) => (glue.match(pattern) ?? []).length;

// The imports' new names only stand as keys of the import object, so they cannot clash with
// the glue's variables; the exports' new names are ones the glue does not use.
const identifiersInGlue = new Set(glue.match(/[A-Za-z_$][\w$]*/g));
const importNames = shortNames();
const exportNames = shortNames();
// The loader (www/jobsift.js) reads the memory export by name.
const keptExports = new Set(["memory"]);
let renamedImports = 0;
let renamedExports = 0;

// An import is renamed when its name occurs once in the glue, as a key.
function rewriteImport(at) {
  const [, moduleEnd] = readName(at);
  let [field, fieldEnd] = readName(moduleEnd);
  const descriptionEnd = skipImportDescription(wasm, fieldEnd);
  if (count(keyPattern(field)) === 1 && count(anyPattern(field)) === 1) {
    const short = importNames.next().value;
    glue = glue.replace(keyPattern(field), short);
    field = short;
    renamedImports++;
  }
  return [
    Buffer.concat([wasm.subarray(at, moduleEnd), writeName(field), wasm.subarray(fieldEnd, descriptionEnd)]),
    descriptionEnd,
  ];
}

// An export is renamed when the glue names it only as a member (`wasm.name`), or when it is
// one of wasm-bindgen's own (its closures' exports have JS wrappers of the same name, which
// are renamed with them). Exports the page calls, such as `mount`, keep their names.
const internalExport = /^(__wbindgen_|__externref_|wasm_bindgen_)/;
function rewriteExport(at) {
  let [field, fieldEnd] = readName(at);
  const [, descriptionEnd] = readUnsigned(wasm, fieldEnd + 1);
  const uses = count(anyPattern(field));
  const onlyMembers = uses === count(memberPattern(field));
  if (!keptExports.has(field) && uses > 0 && (onlyMembers || internalExport.test(field))) {
    let short;
    do short = exportNames.next().value;
    while (keptExports.has(short) || identifiersInGlue.has(short));
    glue = glue.replace(anyPattern(field), short);
    field = short;
    renamedExports++;
  }
  return [Buffer.concat([writeName(field), wasm.subarray(fieldEnd, descriptionEnd)]), descriptionEnd];
}

const rewritten = [wasm.subarray(0, 8)];
for (const section of sections) {
  if (section.id === 2) rewritten.push(rewriteSection(section, rewriteImport));
  else if (section.id === 7) rewritten.push(rewriteSection(section, rewriteExport));
  else rewritten.push(wasm.subarray(section.start, section.end));
}
const result = Buffer.concat(rewritten);
// Check the pair before writing it: the module still compiles, the glue still provides every
// import and still calls only exports that exist.
const module = new WebAssembly.Module(result);
const exported = new Set(WebAssembly.Module.exports(module).map((entry) => entry.name));
for (const { name } of WebAssembly.Module.imports(module)) {
  if (count(keyPattern(name)) === 0) throw new Error(`the glue no longer provides the import ${name}`);
}
for (const [, member] of glue.matchAll(/\bwasm\.([\w$]+)/g)) {
  if (!exported.has(member)) throw new Error(`the glue calls wasm.${member}, which is not exported`);
}
writeFileSync(wasmPath, result);
writeFileSync(gluePath, glue);
console.error(`[short-imports] renamed ${renamedImports} imports and ${renamedExports} exports`);

// Damaged copies of a real index, per docs/index-format.md (magic, version u32 at 8,
// section count at 12, a 24-byte table entry per section with its CRC-32, a 16-byte
// footer: length u64, header CRC-32, "JSFT"). Each case says what the widget and
// `jobsift verify` must name. Deterministic: the bit flips come from a seeded generator.
import zlib from 'node:zlib';

/** mulberry32: a small seeded PRNG, so the "random" flips are the same every run. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The frame's parts: table end and the sections' [tag, bytes]. */
export function parseFrame(bytes) {
  const count = bytes.readUInt32LE(12);
  const sections = [];
  for (let i = 0; i < count; i++) {
    const at = 16 + 24 * i;
    const tag = bytes.subarray(at, at + 4).toString('latin1');
    const offset = Number(bytes.readBigUInt64LE(at + 4));
    const length = Number(bytes.readBigUInt64LE(at + 12));
    sections.push([tag, bytes.subarray(offset, offset + length)]);
  }
  return { version: bytes.readUInt32LE(8), tableEnd: 16 + 24 * count, sections };
}

/** A well-formed container (correct offsets, CRCs, length and footer) around `sections`. */
export function writeFrame(sections, version = 1) {
  const tableEnd = 16 + 24 * sections.length;
  const total = tableEnd + sections.reduce((n, [, b]) => n + b.length, 0) + 16;
  const out = Buffer.alloc(total);
  out.write('JOBSIFT\0', 0, 'latin1');
  out.writeUInt32LE(version, 8);
  out.writeUInt32LE(sections.length, 12);
  let offset = tableEnd;
  sections.forEach(([tag, body], i) => {
    const at = 16 + 24 * i;
    out.write(tag, at, 'latin1');
    out.writeBigUInt64LE(BigInt(offset), at + 4);
    out.writeBigUInt64LE(BigInt(body.length), at + 12);
    out.writeUInt32LE(zlib.crc32(body), at + 20);
    body.copy(out, offset);
    offset += body.length;
  });
  out.writeBigUInt64LE(BigInt(total), total - 16);
  out.writeUInt32LE(zlib.crc32(out.subarray(0, tableEnd)), total - 8);
  out.write('JSFT', total - 4, 'latin1');
  return out;
}

const flipBit = (bytes, at, bit) => {
  const copy = Buffer.from(bytes);
  copy[at] ^= 1 << bit;
  return copy;
};

/**
 * [{ name, bytes, message (RegExp source the widget's and verify's text must match),
 *    valid (true if the widget must load it) }].
 */
export function brokenIndexes(real) {
  const { tableEnd } = parseFrame(real);
  const random = seeded(20261122);
  const cases = [
    { name: 'empty', bytes: Buffer.alloc(0), message: 'index is truncated: 0 bytes' },
    { name: 'cut-7', bytes: real.subarray(0, 7), message: 'index is truncated: 7 bytes' },
    { name: 'cut-20', bytes: real.subarray(0, 20), message: 'index is truncated: 20 bytes' },
    { name: 'cut-1k', bytes: real.subarray(0, 1024), message: 'index is truncated or has extra bytes' },
    { name: 'cut-half', bytes: real.subarray(0, real.length >> 1), message: 'index is truncated or has extra bytes' },
    { name: 'cut-last-byte', bytes: real.subarray(0, real.length - 1), message: 'index is truncated or has extra bytes' },
    { name: 'appended', bytes: Buffer.concat([real, Buffer.from('\n')]), message: 'index is truncated or has extra bytes' },
    { name: 'magic', bytes: Buffer.concat([Buffer.from('JOBSIFX\0'), real.subarray(8)]), message: 'not a jobsift index \\(wrong magic bytes' },
    { name: 'version-3', bytes: (() => { const b = Buffer.from(real); b.writeUInt32LE(3, 8); return b; })(),
      message: 'index format version 3 is newer than this jobsift reads \\(version 2\\)' },
    { name: 'version-0', bytes: (() => { const b = Buffer.from(real); b.writeUInt32LE(0, 8); return b; })(),
      message: 'index format version 0 is older than this jobsift reads' },
    // A version-3 file whose layout is nothing like today's: still named as newer,
    // since the version is read before anything version-specific.
    { name: 'version-3-new-layout', bytes: Buffer.concat([Buffer.from('JOBSIFT\0'), Buffer.from([3, 0, 0, 0]), Buffer.alloc(40, 0xee)]),
      message: 'index format version 3 is newer' },
    // A bit of the section table: the header checksum catches it.
    { name: 'flip-table', bytes: flipBit(real, 16 + 24 + 5, 3), message: 'index is damaged: checksum of header' },
  ];
  // Three seeded single-bit flips in the section bytes: each section's CRC catches it.
  for (let i = 0; i < 3; i++) {
    const at = tableEnd + Math.floor(random() * (real.length - 16 - tableEnd));
    cases.push({ name: `flip-${at}`, bytes: flipBit(real, at, Math.floor(random() * 8)), message: 'index is damaged: checksum of section [A-Z]{4}' });
  }
  // Written by a later jobsift of the same format version that added a section this
  // reader does not know: the format says readers ignore it, so this one must load.
  const frame = parseFrame(real);
  const future = writeFrame([...frame.sections, ['FUTR', Buffer.from('a section from a future writer')]], frame.version);
  cases.push({ name: 'unknown-section', bytes: future, valid: true });
  return cases;
}

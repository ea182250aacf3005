// Real images for upload tests: a PNG that decoders accept (made here, CRC
// and zlib included), pictures of any size and type made by libvips, Exif
// segments as phones write them, and a reader of a JPEG's segments.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

function crc32(buf) {
  let crc = ~0;
  for (const b of buf) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xEDB88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/* A real 2×2 RGB PNG. */
export function png() {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
/* A real JPEG of 64×48 (made by libvips). */
export const jpeg = () => picture('jpg', 64, 48);

// ---- real pictures, made by the vips command line (libvips-tools) ----

let dir;
const cache = new Map();
/* A picture of w×h made by libvips and saved as `ext` (jpg, png, webp, heic;
 * save options after the extension, e.g. 'jpg[Q=92]'). noise: random pixels
 * (a photo-sized file); bands: 3, or 4 with an alpha channel. Cached. */
export function picture(ext, w, h, { noise = false, bands = 3 } = {}) {
  const key = `${ext} ${w} ${h} ${noise} ${bands}`;
  if (cache.has(key)) return cache.get(key);
  dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'wg-img-'));
  const src = path.join(dir, `src-${cache.size}.v`);
  const out = path.join(dir, `out-${cache.size}.${ext.replace(/\[.*$/, '')}`);
  if (noise) {
    execFileSync('vips', ['gaussnoise', src, String(w), String(h), '--sigma', '60']);
    const rgb = path.join(dir, `rgb-${cache.size}.v`);
    execFileSync('vips', ['bandjoin', `${src} ${src} ${src}`, rgb]);
    execFileSync('vips', ['cast', rgb, src + '.u.v', 'uchar']);
    execFileSync('vips', ['copy', src + '.u.v', out + ext.replace(/^[^[]*/, '')]);
  } else {
    execFileSync('vips', ['black', src, String(w), String(h), '--bands', String(bands)]);
    const lit = path.join(dir, `lit-${cache.size}.v`);
    execFileSync('vips', ['linear', src, lit, '1', '180']); // a light grey, alpha opaque
    const u = lit + '.u.v';
    execFileSync('vips', ['cast', lit, u, 'uchar']);
    execFileSync('vips', ['copy', u, out + ext.replace(/^[^[]*/, '')]);
  }
  const buf = fs.readFileSync(out);
  cache.set(key, buf);
  return buf;
}

/* An Exif APP1 segment (little-endian TIFF) with an orientation and a GPS
 * position, as a phone writes it. */
export function exifSegment({ orientation = 1, lat = [30, 35, 2400], lon = [114, 17, 3100] } = {}) {
  const t = Buffer.alloc(140);
  t.write('II', 0, 'latin1');
  t.writeUInt16LE(42, 2);
  t.writeUInt32LE(8, 4);
  const entry = (at, tag, type, count, value) => {
    t.writeUInt16LE(tag, at); t.writeUInt16LE(type, at + 2); t.writeUInt32LE(count, at + 4);
    if (type === 3) t.writeUInt16LE(value, at + 8); else if (type === 2) t.write(value, at + 8, 'latin1'); else t.writeUInt32LE(value, at + 8);
  };
  t.writeUInt16LE(2, 8); // IFD0: orientation, GPS pointer
  entry(10, 0x0112, 3, 1, orientation);
  entry(22, 0x8825, 4, 1, 38);
  t.writeUInt32LE(0, 34);
  t.writeUInt16LE(4, 38); // GPS IFD
  entry(40, 0x0001, 2, 2, 'N\0');
  entry(52, 0x0002, 5, 3, 92);
  entry(64, 0x0003, 2, 2, 'E\0');
  entry(76, 0x0004, 5, 3, 116);
  t.writeUInt32LE(0, 88);
  const rationals = (at, [d, m, s100]) => {
    [[d, 1], [m, 1], [s100, 100]].forEach(([n, dd], i) => { t.writeUInt32LE(n, at + i * 8); t.writeUInt32LE(dd, at + i * 8 + 4); });
  };
  rationals(92, lat);
  rationals(116, lon);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/* A JPEG with extra segments (Exif, a comment...) right after its SOI. */
export function withSegments(jpegBytes, ...segments) {
  return Buffer.concat([jpegBytes.subarray(0, 2), ...segments, jpegBytes.subarray(2)]);
}
export const comment = (text) => {
  const b = Buffer.from(text, 'utf8');
  const h = Buffer.from([0xff, 0xfe, 0, 0]);
  h.writeUInt16BE(b.length + 2, 2);
  return Buffer.concat([h, b]);
};

/* The markers of a JPEG's segments before its scan, and its size. */
export function jpegInfo(b) {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  const markers = [];
  let at = 2, width = 0, height = 0;
  while (at + 4 <= b.length && b[at] === 0xff) {
    const m = b[at + 1], len = b.readUInt16BE(at + 2);
    markers.push(m);
    if ((m >= 0xc0 && m <= 0xc3) || (m >= 0xc5 && m <= 0xc7)) { height = b.readUInt16BE(at + 5); width = b.readUInt16BE(at + 7); }
    if (m === 0xda) break;
    at += 2 + len;
  }
  return { markers, width, height };
}

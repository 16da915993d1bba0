/**
 * Test helpers that build bundle archives byte by byte, including hostile ones no well-behaved
 * tool would write (traversal, absolute paths, links, lying sizes). Used by the *.test.ts files only.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

export function tempDir(prefix = 'countersign-bundle-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TarEntrySpec {
  readonly name: string;
  readonly data?: Uint8Array | string;
  /** ustar typeflag: '0' file, '1' hard link, '2' symlink, '3' char device, '5' directory. */
  readonly type?: '0' | '1' | '2' | '3' | '5';
  readonly linkname?: string;
}

/** A raw ustar stream (with the end-of-archive marker unless `noEnd`). */
export function tarBytes(entries: readonly TarEntrySpec[], { noEnd = false } = {}): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '');
    const h = Buffer.alloc(512);
    h.write(e.name, 0, 100, 'utf8');
    h.write('0000644\0', 100, 'ascii');
    h.write('0000000\0', 108, 'ascii');
    h.write('0000000\0', 116, 'ascii');
    h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
    h.write('00000000000\0', 136, 'ascii');
    h.write('        ', 148, 'ascii');
    h.write(e.type ?? '0', 156, 'ascii');
    if (e.linkname) h.write(e.linkname, 157, 100, 'utf8');
    h.write('ustar\0', 257, 'ascii');
    h.write('00', 263, 'ascii');
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  if (!noEnd) blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export function tarGzBytes(entries: readonly TarEntrySpec[], opts?: { noEnd?: boolean }): Buffer {
  return gzipSync(tarBytes(entries, opts));
}

export interface ZipEntrySpec {
  readonly name: string;
  readonly data?: Uint8Array | string;
  /** Unix mode including the file type bits (e.g. 0o120777 for a symlink). */
  readonly unixMode?: number;
  /** Write this uncompressed size in the headers instead of the real one (a lying header). */
  readonly declaredSize?: number;
  readonly store?: boolean;
  /** An Info-ZIP Unicode Path extra field (0x7075) carrying this second name. */
  readonly unicodePath?: string;
  /** Write this name in the local header instead of the central directory's. */
  readonly localName?: string;
}

/** The Info-ZIP Unicode Path extra field: version 1, CRC-32 of the stored name, the UTF-8 name. */
function unicodePathField(stored: Buffer, unicode: string): Buffer {
  const u = Buffer.from(unicode, 'utf8');
  const field = Buffer.alloc(9 + u.length);
  field.writeUInt16LE(0x7075, 0);
  field.writeUInt16LE(5 + u.length, 2);
  field.writeUInt8(1, 4);
  field.writeUInt32LE(crc32(stored) >>> 0, 5);
  u.copy(field, 9);
  return field;
}

/** A minimal zip writer (local headers, central directory, end record); deflate unless `store`. */
export function zipBytes(entries: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const localName = Buffer.from(e.localName ?? e.name, 'utf8');
    const extra = e.unicodePath === undefined ? Buffer.alloc(0) : unicodePathField(name, e.unicodePath);
    const data = Buffer.from(e.data ?? '');
    const body = e.store ? data : deflateRawSync(data);
    const size = e.declaredSize ?? data.length;
    const method = e.store ? 0 : 8;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(localName.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(e.unixMode !== undefined ? (3 << 8) | 20 : 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(e.unixMode !== undefined ? (e.unixMode << 16) >>> 0 : 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, localName, extra, body);
    centrals.push(central, name, extra);
    offset += local.length + localName.length + extra.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

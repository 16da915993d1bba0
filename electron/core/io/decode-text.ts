import { isUtf8 } from 'node:buffer';
import { InputError } from '../model/errors';

/** Largest single input file we accept, in bytes (COUNTERSIGN_MAX_INPUT_MB overrides). */
export function maxInputBytes(): number {
  const mb = Number(process.env.COUNTERSIGN_MAX_INPUT_MB);
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : 256 * 1024 * 1024;
}

/**
 * Decodes an input file's bytes: UTF-8 (with or without BOM), or UTF-16 LE/BE with a BOM
 * (PowerShell's `>` writes UTF-16LE). Binary content is a clear error, not garbage text.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.length > maxInputBytes()) {
    throw new InputError(file, `file is ${formatBytes(bytes.length)}, over the ${formatBytes(maxInputBytes())} input limit`);
  }
  const b0 = bytes[0], b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const start = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // A NUL byte in the first 8 KiB means binary (or UTF-16 without BOM): neither format we read.
  const probeEnd = Math.min(bytes.length, start + 8192);
  for (let i = start; i < probeEnd; i++) {
    if (bytes[i] === 0) {
      throw new InputError(file, 'not a text file (binary content or UTF-16 without a byte-order mark); expected Terraform plan JSON or Kubernetes YAML/JSON');
    }
  }
  // isUtf8 (simdutf) then a plain decode is ~20% faster than a fatal TextDecoder on big plans,
  // and neither copies the bytes (a Buffer view over the same memory).
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start);
  if (!isUtf8(body)) throw new InputError(file, 'not valid UTF-8 text');
  return body.toString('utf8');
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

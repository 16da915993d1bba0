/** Byte-level mutations (format-blind): what a damaged download or a hostile hex editor makes. */
import fc from 'fast-check';

export type ByteEdit =
  | { readonly op: 'flip'; readonly at: number; readonly bit: number }
  | { readonly op: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly op: 'cut'; readonly at: number; readonly length: number }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'repeat'; readonly at: number; readonly length: number; readonly times: number };

/** Bytes that mean something to a decoder: NUL, broken UTF-8, BOMs, CR, quotes, brackets, ESC. */
const tokens = fc.constantFrom(
  [0], [0xc3, 0x28], [0xff, 0xfe], [0xef, 0xbb, 0xbf], [0xe2, 0x80, 0xa8], [13], [10], [34], [39], [123], [91], [125], [93],
  [0x1b, 0x5b, 0x33, 0x31, 0x6d], [0xf0, 0x9f, 0x94, 0xa5], [0xed, 0xa0, 0x80], [92, 117, 48, 48, 48, 48],
).map((b) => Uint8Array.from(b));

export const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.oneof(tokens, fc.uint8Array({ minLength: 1, maxLength: 8 })) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 32 }), times: fc.integer({ min: 2, max: 50 }) }),
);

export const byteEdits = fc.array(byteEdit, { minLength: 1, maxLength: 4 });

export function applyByteEdits(input: Uint8Array, edits: readonly ByteEdit[]): { readonly bytes: Uint8Array; readonly done: string[] } {
  let b = Buffer.from(input);
  const done: string[] = [];
  for (const e of edits) {
    const at = b.length === 0 ? 0 : e.at % (b.length + 1);
    switch (e.op) {
      case 'flip':
        if (at < b.length) b[at] = b[at]! ^ (1 << e.bit);
        break;
      case 'insert':
        b = Buffer.concat([b.subarray(0, at), e.bytes, b.subarray(at)]);
        break;
      case 'cut':
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + e.length)]);
        break;
      case 'truncate':
        b = b.subarray(0, at);
        break;
      case 'repeat': {
        const piece = b.subarray(at, at + e.length);
        b = Buffer.concat([b.subarray(0, at), ...Array.from({ length: e.times }, () => piece), b.subarray(at + e.length)]);
        break;
      }
    }
    done.push(`${e.op}@${at}`);
  }
  return { bytes: b, done };
}

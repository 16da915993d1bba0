// Checks of a rendered PDF with poppler's tools, as a reader would see it: its text layer
// (pdftotext) and its pages as images (pdftoppm).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The PDF's text layer, in reading order (pdftotext -layout off). */
export function pdfText(pdf: Uint8Array): string {
  return withFile(pdf, (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

/** Per page, the share of pixels that are not near-white (0 = a blank page), at 30 dpi in grey. */
export function pageInk(pdf: Uint8Array): number[] {
  return withFile(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-r', '30', '-gray', file, join(dir, 'page')]);
    return readdirSync(dir).filter((n) => n.endsWith('.pgm')).sort().map((n) => inkOf(readFileSync(join(dir, n))));
  });
}

/** Binary PGM (P5, 8-bit): the share of pixels darker than 200. */
function inkOf(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a binary PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length, header[0].length + width * height);
  let dark = 0;
  for (const p of pixels) if (p < 200) dark++;
  return dark / (width * height);
}

function withFile<T>(pdf: Uint8Array, run: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-pdf-check-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    return run(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

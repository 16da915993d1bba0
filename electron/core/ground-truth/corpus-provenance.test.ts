// The corpus in the repository is exactly what its SOURCES.md says: every file is listed with
// its provenance, and every listed file is there byte for byte (size and git blob id as read
// upstream). A file added without provenance, or edited after copying, fails here.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusDir } from '../testing/corpus';

interface Listed { readonly bytes: number; readonly blob: string; readonly license: string }

/** Rows of SOURCES.md's tables, read by each table's own header (`file`, `bytes`, `blob`, `license`). */
function listedFiles(): Map<string, Listed> {
  const out = new Map<string, Listed>();
  let header: string[] = [];
  for (const line of readFileSync(join(corpusDir, 'SOURCES.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells[1] === 'file') header = cells;
    const file = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!file) continue;
    const cell = (name: string): string => cells[header.indexOf(name)] ?? '';
    out.set(file, { bytes: Number(cell('bytes')), blob: cell('blob'), license: cell('license') });
  }
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [relative(corpusDir, full).split(sep).join('/')];
  });
}

function gitBlobId(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

test('every corpus file is listed in SOURCES.md with a licence, and is byte for byte what it lists', () => {
  const listed = listedFiles();
  const present = filesUnder(corpusDir).filter((f) => f !== 'SOURCES.md').sort();
  assert.deepEqual(present.filter((f) => !listed.has(f)), [], 'files without provenance');
  assert.deepEqual([...listed.keys()].filter((f) => !present.includes(f)), [], 'listed files that are missing');
  for (const file of present) {
    const row = listed.get(file)!;
    const bytes = readFileSync(join(corpusDir, file));
    assert.equal(bytes.length, row.bytes, `${file}: size`);
    assert.equal(gitBlobId(bytes).slice(0, 12), row.blob, `${file}: git blob id`);
    assert.match(row.license, /^(Apache-2\.0|MIT|MPL-2\.0)$/, `${file}: licence`);
  }
});

/** The corpus files the fuzzers start from, read once per process. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from '../../core/testing/corpus';

/** Bigger files cost seconds per case and add no new shapes (argocd-install-large is 1.9 MB of the same kinds). */
const MAX_BYTES = 500_000;

export interface CorpusFile {
  readonly name: string;
  readonly bytes: Buffer;
}

const cache = new Map<string, readonly CorpusFile[]>();

export function corpusFiles(kind: 'terraform' | 'kubernetes'): readonly CorpusFile[] {
  let files = cache.get(kind);
  if (!files) {
    const dir = join(corpusDir, kind);
    files = readdirSync(dir).sort()
      .filter((n) => statSync(join(dir, n)).size <= MAX_BYTES)
      .map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
    cache.set(kind, files);
  }
  return files;
}

/** Corpus text, whatever its encoding (one plan is UTF-16 with a BOM). */
export function corpusText(f: CorpusFile): string {
  const b = f.bytes;
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  return b.toString('utf8').replace(/^\ufeff/, '');
}

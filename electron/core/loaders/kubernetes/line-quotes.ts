import { createHash } from 'node:crypto';
import { decodeText } from '../../io/decode-text';
import type { ChangeSet } from '../../model/changeset';
import { InputError } from '../../model/errors';
import type { FieldSnippet, SourceLocation, TextRegion } from '../../model/resource-change';
import { secretLines } from './secret-lines';

/** The bytes of one of the change set's files by its model path, or undefined when unreadable. */
export type ReadSource = (file: string) => Uint8Array | undefined;

/** Lines of context on each side of a finding's line. */
const CONTEXT_LINES = 2;

/**
 * Quotes Kubernetes files at a location, for report snippets (SARIF region and context):
 * the line from the location on, and up to CONTEXT_LINES lines around it. Never a line that
 * could show a Secret's values (secretLines, as the app's source excerpt): such a line is
 * not quoted, and the context stops before it. The file is read again by `readSource` and
 * quoted only while its bytes have the digest the change set recorded; a Kubernetes file
 * that no longer parses is not quoted at all (fail closed).
 */
export function kubernetesQuoter(changeSet: ChangeSet, readSource: ReadSource): (location: SourceLocation) => FieldSnippet | undefined {
  // A Kubernetes artifact's file and its previous release's file (a delete is located there).
  const named = new Set(changeSet.artifacts.filter((a) => a.kind === 'kubernetes').flatMap((a) => (a.previous ? [a.path, a.previous] : [a.path])));
  const digests = new Map(changeSet.files.filter((f) => named.has(f.path)).map((f) => [f.path, f.sha256]));
  const files = new Map<string, KubernetesFile | undefined>();
  return (at) => {
    const sha256 = digests.get(at.file);
    if (sha256 === undefined) return undefined;
    if (!files.has(at.file)) files.set(at.file, kubernetesFile(at.file, sha256, readSource));
    const file = files.get(at.file);
    return file && lineSnippet(file, at);
  };
}

interface KubernetesFile {
  readonly text: string;
  /** Offset where each line starts (index 0 = line 1). */
  readonly starts: readonly number[];
  readonly hidden: ReadonlySet<number> | 'all';
}

function kubernetesFile(file: string, sha256: string, readSource: ReadSource): KubernetesFile | undefined {
  const bytes = readSource(file);
  if (!bytes || createHash('sha256').update(bytes).digest('hex') !== sha256) return undefined;
  let text: string;
  try {
    text = decodeText(bytes, file);
  } catch {
    return undefined;
  }
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  let hidden: ReadonlySet<number> | 'all';
  try {
    hidden = secretLines(file, text);
  } catch (err) {
    // It parsed when loaded; should it not now, hide it all (fail closed).
    if (!(err instanceof InputError)) throw err;
    hidden = 'all';
  }
  return { text, starts, hidden };
}

function lineSnippet(file: KubernetesFile, at: SourceLocation): FieldSnippet | undefined {
  const shown = (line: number): boolean => line >= 1 && line <= file.starts.length && file.hidden !== 'all' && !file.hidden.has(line);
  if (!shown(at.line)) return undefined;
  const region = linesRegion(file, at.line, at.column, at.line);
  if (!region || region.text.trim() === '') return undefined;
  let first = at.line;
  let last = at.line;
  while (first > at.line - CONTEXT_LINES && shown(first - 1)) first--;
  while (last < at.line + CONTEXT_LINES && shown(last + 1)) last++;
  const context = linesRegion(file, first, 1, last);
  return context ? { region, context } : { region };
}

/** Lines first…last, from `column` of the first to the end of the last (its line break excluded). */
function linesRegion(file: KubernetesFile, first: number, column: number, last: number): TextRegion | undefined {
  const from = file.starts[first - 1]! + column - 1;
  const lineEnd = (file.starts[last] ?? file.text.length + 1) - 1;
  const to = file.text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
  if (from > to) return undefined;
  return { startLine: first, startColumn: column, endLine: last, endColumn: to - file.starts[last - 1]! + 1, text: file.text.slice(from, to) };
}

import { YAMLException, parseEvents } from 'js-yaml';
import type { Event } from 'js-yaml';
import { InputError } from '../../model/errors';
import { AliasExpansionError, expandAliases } from './alias-guard';
import { ConstructError, constructDocuments } from './construct-documents';
import type { ReadingProblem } from './construct-documents';
import { PositionIndex } from './position-index';
import { scanStream } from './stream-checks';
import { firstDecoration } from './yaml-decorations';
import type { YamlDecoration } from './yaml-decorations';

/** Deepest nesting accepted (collections); deeper input is refused before it can exhaust the stack. */
export const MAX_NESTING_DEPTH = 256;
/** Aliases per document accepted by the parser; alias-guard bounds what they expand to. */
const MAX_ALIASES_PER_DOCUMENT = 10_000;
/** Keys `<<` merges may copy in one file (a merge bomb is refused like an alias bomb). */
const MAX_MERGED_KEYS = 100_000;

export interface YamlDocument {
  /** 1-based number of the document in the file, for messages. */
  readonly number: number;
  /** Plain JS data (null for an empty or comment-only document). */
  readonly value: unknown;
  /** Root node in `positions`. */
  readonly node: number;
  /** Helm `# Source:` template path that applies to this document, if any. */
  readonly origin: string | undefined;
}

export interface YamlStream {
  readonly documents: readonly YamlDocument[];
  readonly positions: PositionIndex;
  /** Where the cluster would read the file differently from a plain reading (file order). */
  readonly problems: readonly ReadingProblem[];
  /** The first anchor, alias, tag or plain `<<` (yaml-decorations.ts), for readers of kubectl output. */
  readonly decoration: YamlDecoration | undefined;
}

/**
 * Parses a multi-document YAML (or JSON) text into plain values plus a position index.
 * js-yaml's event parser is used because it is fast (~13 MB/s here, vs ~5 MB/s for the `yaml`
 * package's Document API) and its events carry source offsets, which is all positions need.
 * Values are built from the events as kubectl reads them (construct-documents.ts), not with
 * js-yaml's YAML 1.2 schema: see docs/yaml-resolution.md.
 */
export function parseYamlStream(file: string, source: string): YamlStream {
  // Editors do not show a byte-order mark: leaving it in would shift every column of line 1.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  let events: Event[];
  try {
    events = parseEvents(text, { filename: file, maxDepth: MAX_NESTING_DEPTH });
  } catch (error) {
    throw toInputError(file, error);
  }
  const positions = new PositionIndex(text, events);
  let values: unknown[];
  let problems: ReadingProblem[];
  try {
    ({ values, problems } = constructDocuments(text, events, { maxAliasesPerDocument: MAX_ALIASES_PER_DOCUMENT, maxMergedKeys: MAX_MERGED_KEYS }));
  } catch (error) {
    if (!(error instanceof ConstructError)) throw toInputError(file, error);
    const { line, column } = positions.position(error.offset);
    throw new InputError(file, `not valid Kubernetes YAML: ${error.message}`, line, column);
  }
  problems.push(...scanStream(text));
  problems.sort((a, b) => a.offset - b.offset);
  const origins = helmSourceMarkers(text);
  const documents = positions.documentRoots.map((node, i): YamlDocument => {
    let value: unknown = values[i] ?? null;
    if (positions.documentsWithAliases.has(i)) {
      try {
        value = expandAliases(value);
      } catch (error) {
        if (!(error instanceof AliasExpansionError)) throw error;
        const { line, column } = positions.position(positions.objectOffset(node));
        throw new InputError(file, `document ${i + 1}: ${error.message}`, line, column);
      }
    }
    return { number: i + 1, value, node, origin: originAt(origins, positions.objectOffset(node)) };
  });
  return { documents, positions, problems, decoration: firstDecoration(text, events) };
}

function toInputError(file: string, error: unknown): InputError {
  if (error instanceof YAMLException) {
    const reason = /maxDepth/.test(error.reason)
      ? `nesting deeper than ${MAX_NESTING_DEPTH} levels; refusing to parse further`
      : error.reason;
    const mark = error.mark;
    return new InputError(file, `not valid YAML or JSON: ${reason}`, mark ? mark.line + 1 : undefined, mark ? mark.column + 1 : undefined);
  }
  // A parser bug or a stack overflow on hostile input must still read as a bad file, not a crash.
  const message = error instanceof Error ? error.message : String(error);
  return new InputError(file, `could not be parsed as YAML or JSON (${message})`);
}

interface SourceMarker {
  readonly offset: number;
  readonly path: string;
}

/**
 * `helm template` writes `---` then `# Source: chart/templates/x.yaml` before each template's
 * output; a template may render several documents (or none: then the marker sits in an empty
 * document), so a document belongs to the last marker before it. Markers are column-0 comments,
 * which cannot occur inside a scalar's content.
 */
function helmSourceMarkers(text: string): SourceMarker[] {
  const markers: SourceMarker[] = [];
  const tag = '# Source: ';
  for (let i = text.indexOf(tag); i !== -1; i = text.indexOf(tag, i + tag.length)) {
    if (i > 0 && text.charCodeAt(i - 1) !== 0x0a) continue;
    let end = text.indexOf('\n', i);
    if (end === -1) end = text.length;
    const path = text.slice(i + tag.length, end).trim();
    if (path) markers.push({ offset: i, path });
  }
  return markers;
}

/** The path of the last marker at or before `offset` (binary search: markers are in file order). */
function originAt(markers: readonly SourceMarker[], offset: number): string | undefined {
  if (offset < 0) return undefined;
  let lo = 0;
  let hi = markers.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (markers[mid]!.offset <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? markers[lo - 1]!.path : undefined;
}

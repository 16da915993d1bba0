import { Document, isMap, isScalar, isSeq, LineCounter, YAMLMap } from 'yaml';
import type { Node, Pair } from 'yaml';
import { MAX_ALIAS_COUNT, parseYamlSource } from './yaml-source';
import type { YamlSource } from './yaml-source';

/**
 * A fleet's contracts are near-copies: 500 files of 10 configurations differ in their
 * `metadata` line and share their `spec`, byte for byte. Inside withYamlSegmentMemo, a contract
 * is read as its top-level entries (a line starting `key:` at column 0 opens one), each entry's
 * text parsed once for the whole fleet and its nodes shared, each file knowing where they sit
 * in it (YamlSource.originOf) (issue 13: YAML was half the cost of reading a contract).
 *
 * It is a shortcut, never a second reading of YAML: any text it cannot vouch for gives null,
 * and the caller parses the whole file as always. Vouched for: every entry opens with a plain
 * `name:` key, every other column-0 line is blank, a comment or a `- ` list item, each entry
 * parses alone as a one-pair mapping with no error, no alias and no value
 * refuseAmbiguousScalars refuses, and no key repeats. An entry then reads alone as it reads in
 * the file: a construct left open at the end of an entry (a quote, a flow collection) is an
 * error alone, and a block scalar or plain multi-line scalar ends at column 0 in both.
 * Errors are worded by the whole-file parse (parseContract re-reads a file that fails).
 * Node starts and value ends (range[0], range[1]) are the whole-file parse's; range[2] (the end
 * with trailing comments) can differ, and nothing that reads a parsed contract looks at it.
 */
let memo: Map<string, Entry | null> | null = null;

/** Runs `fn` with each distinct top-level entry text parsed once; nothing is kept after it. */
export function withYamlSegmentMemo<T>(fn: () => T): T {
  if (memo) return fn();
  memo = new Map();
  try {
    return fn();
  } finally {
    memo = null;
  }
}

/** One top-level entry parsed alone: its pair (offsets from the entry's start), nodes and line starts. */
interface Entry {
  readonly key: string;
  readonly pair: Pair<Node, Node | null>;
  /** Every node of the pair (key and value): they count their offsets from the entry's start. */
  readonly nodes: ReadonlySet<Node>;
  readonly lineStarts: readonly number[];
  /** Where the entry's mapping ends (range[1], range[2]): the file's mapping ends where its last entry's does. */
  readonly end: readonly [number, number];
  readonly doc: Document.Parsed;
}

// A plain key YAML reads as a string whatever follows (`true:`, `null:` are refused by the
// entry's own check), then `:` and a space or the end of the line.
const ENTRY_START = /^[A-Za-z_][A-Za-z0-9_-]*:(?: |\r?\n|$)/;
// A column-0 line that opens an entry (any other line continues the one before).
const ENTRY_LINE = /^[A-Za-z_][A-Za-z0-9_-]*:(?: |\r?$|$)/gm;
// Any other column-0 line but a blank one, a comment or a compact list item (`- x` under
// `key:`) may change how the lines after it read (`---`, `...`, `%` directives, a tab): those
// files are read whole.
const OTHER_LINE = /^(?![A-Za-z_][A-Za-z0-9_-]*:(?: |\r?$|$)|#|-(?: |\r?$|$)|\r?$| )/m;

function entryOf(text: string): Entry | null {
  let src: YamlSource;
  try {
    src = parseYamlSource('entry', text);
  } catch {
    return null;
  }
  const root = src.doc.contents;
  if (!isMap(root) || root.items.length !== 1 || !root.range) return null;
  const pair = root.items[0]!;
  if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || pair.key.value === '__proto__') return null;
  const nodes = new Set<Node>([pair.key]);
  if (!collect(pair.value as Node | null, nodes)) return null;
  return { key: pair.key.value, pair: pair as Pair<Node, Node | null>, nodes, lineStarts: src.lines.lineStarts, end: [root.range[1], root.range[2]], doc: src.doc };
}

/** Adds the node and those under it to `into`; false on an alias (or a node kind not known here). */
function collect(node: Node | null, into: Set<Node>): boolean {
  if (node === null) return true;
  into.add(node);
  if (isScalar(node)) return true;
  if (isMap(node)) return node.items.every((p) => isScalar(p.key) && collect(p.key, into) && collect(p.value as Node | null, into));
  if (isSeq(node)) return node.items.every((n) => collect(n as Node | null, into));
  return false;
}

/**
 * A character JavaScript's `^` (the `m` flag) takes for a line start where YAML does not: a lone
 * CR, U+2028, U+2029 (inside a comment or a scalar to YAML), and NEL and a byte-order mark,
 * which YAML readers disagree about. A text holding one is read whole: otherwise
 * `#\u2028roster: [...]`, a comment to YAML, would read here as a top-level key.
 */
const LINE_BREAK_YAML_READS_OTHERWISE = /\r(?!\n)|[\u0085\u2028\u2029\ufeff]/;

/** Where each entry of `text` starts, or null when the text is not one the shortcut reads. */
function entryStarts(text: string): number[] | null {
  if (LINE_BREAK_YAML_READS_OTHERWISE.test(text)) return null;
  if (!ENTRY_START.test(text) || OTHER_LINE.test(text)) return null;
  const starts: number[] = [];
  ENTRY_LINE.lastIndex = 0;
  for (let m = ENTRY_LINE.exec(text); m !== null; m = ENTRY_LINE.exec(text)) starts.push(m.index);
  return starts[0] === 0 ? starts : null;
}

/**
 * The YamlSource parseYamlSource would give, from memoized entries; null outside
 * withYamlSegmentMemo or when the text is not one this shortcut vouches for (see above).
 * The entries' nodes are shared with every file holding the same entry text, never changed:
 * `originOf` says where in this file each one's offsets count from.
 */
export function segmentedYamlSource(file: string, text: string): YamlSource | null {
  if (!memo) return null;
  const starts = entryStarts(text);
  if (!starts) return null;
  const lines = new LineCounter();
  const entries: { readonly entry: Entry; readonly from: number }[] = [];
  const data: Record<string, unknown> = {};
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i]!;
    const piece = text.slice(from, starts[i + 1] ?? text.length);
    let entry = memo.get(piece);
    if (entry === undefined) memo.set(piece, (entry = entryOf(piece)));
    if (entry === null || Object.hasOwn(data, entry.key)) return null;
    // The entry's last line start (its final newline) is the next entry's first: counted once.
    for (const s of entry.lineStarts) if (lines.lineStarts.at(-1) !== from + s) lines.addNewLine(from + s);
    const value = entry.pair.value;
    // Each file gets its own data (toJS makes new objects): nothing read here is shared.
    data[entry.key] = value === null ? null : value.toJS(entry.doc, { maxAliasCount: MAX_ALIAS_COUNT });
    entries.push({ entry, from });
  }
  const last = entries[entries.length - 1]!;
  const root = new YAMLMap(last.entry.doc.schema);
  root.items = entries.map((e) => e.entry.pair);
  root.range = [0, last.from + last.entry.end[0], last.from + last.entry.end[1]];
  const doc = new Document(undefined, { prettyErrors: false, uniqueKeys: true }) as Document.Parsed;
  doc.contents = root as Document.Parsed['contents'];
  doc.range = [0, root.range[2], text.length];
  const originOf = (node: Node): number => entries.find((e) => e.entry.nodes.has(node))?.from ?? 0;
  return { file, text, doc, lines, data, originOf };
}

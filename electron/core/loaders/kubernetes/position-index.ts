import { EVENT_ID, SCALAR_STYLE, getScalarValue } from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import type { FieldPath } from '../../model/resource-change';
import { LineIndex } from './line-index';

const SCALAR = 1;
const SEQUENCE = 2;
const MAPPING = 3;
const ALIAS = 4;

export interface LinePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Where every node of a YAML stream starts, kept as a compact table built from js-yaml's event
 * stream (about 13 bytes per node; a preorder layout where `ends[n]` skips n's subtree) instead
 * of a tree of node objects or a map of every path. Paths are resolved only when asked for,
 * by walking the table of one document, and lines are computed only for the answer.
 */
export class PositionIndex {
  /** Root node of each document, in order (one per `---` document, empty ones included). */
  readonly documentRoots: readonly number[];
  /** Documents (same order) that use an alias, so their values may share or repeat subtrees. */
  readonly documentsWithAliases: ReadonlySet<number>;
  private readonly kinds: Uint8Array;
  /** Source offset where a node starts (a quoted scalar at its quote), -1 for an empty node. */
  private readonly starts: Int32Array;
  /** Node index just past the node's subtree. */
  private readonly ends: Int32Array;
  /** Scalars: length of the raw value text, to compare a plain key without decoding it. */
  private readonly lengths: Int32Array;
  /** Keys whose text is not their value (escapes, folding, tags): decoded on demand. */
  private readonly hardKeys = new Map<number, ScalarEvent>();
  private lineIndex: LineIndex | undefined;

  constructor(private readonly source: string, events: readonly Event[]) {
    const capacity = events.length;
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.lengths = new Int32Array(capacity);
    const roots: number[] = [];
    const withAliases = new Set<number>();
    // Open collections: node index, and how many children so far (even count = next is a key).
    const openNodes: number[] = [];
    const childCounts: number[] = [];
    let n = 0;
    for (const event of events) {
      if (event.type === EVENT_ID.POP) {
        const node = openNodes.pop();
        childCounts.pop();
        if (node !== undefined && node >= 0) this.ends[node] = n;
        continue;
      }
      if (event.type === EVENT_ID.DOCUMENT) {
        openNodes.push(-1);
        childCounts.push(0);
        continue;
      }
      const depth = openNodes.length;
      const parent = openNodes[depth - 1];
      if (parent === -1 && childCounts[depth - 1] === 0) roots.push(n);
      const isKey = parent !== undefined && parent >= 0 && this.kinds[parent] === MAPPING && childCounts[depth - 1]! % 2 === 0;
      if (depth > 0) childCounts[depth - 1]!++;
      this.ends[n] = n + 1;
      switch (event.type) {
        case EVENT_ID.SCALAR: {
          this.kinds[n] = SCALAR;
          this.starts[n] = firstOffset(event.valueStart >= 0 && isQuoted(event) ? event.valueStart - 1 : event.valueStart, event.anchorStart - 1, event.tagStart);
          this.lengths[n] = event.valueEnd - event.valueStart;
          if (isKey && !this.isLiteralKey(event)) this.hardKeys.set(n, event);
          break;
        }
        case EVENT_ID.ALIAS:
          this.kinds[n] = ALIAS;
          this.starts[n] = event.anchorStart - 1;
          withAliases.add(roots.length - 1);
          break;
        case EVENT_ID.SEQUENCE:
        case EVENT_ID.MAPPING:
          this.kinds[n] = event.type === EVENT_ID.MAPPING ? MAPPING : SEQUENCE;
          this.starts[n] = event.start;
          openNodes.push(n);
          childCounts.push(0);
          break;
      }
      n++;
    }
    // Trim to the nodes actually stored (POP and DOCUMENT events take no slot).
    this.kinds = this.kinds.slice(0, n);
    this.starts = this.starts.slice(0, n);
    this.ends = this.ends.slice(0, n);
    this.lengths = this.lengths.slice(0, n);
    this.documentRoots = roots;
    this.documentsWithAliases = withAliases;
  }

  /** Source offset of an object: its first key for a mapping, else where the node starts (-1 if empty). */
  objectOffset(node: number): number {
    if (this.kinds[node] === MAPPING && this.ends[node]! > node + 1) return this.starts[node + 1]!;
    return this.starts[node]!;
  }

  /**
   * The child node reached by one path step from `node`, with the offset to report for it:
   * a mapping entry's key, or a sequence item's start. Undefined when there is no such child.
   */
  child(node: number, step: string | number): { node: number; offset: number } | undefined {
    const kind = this.kinds[node];
    const end = this.ends[node]!;
    if (kind === MAPPING) {
      const name = String(step);
      for (let key = node + 1; key < end;) {
        const value = this.ends[key]!;
        if (value >= end) return undefined;
        if (this.keyEquals(key, name)) return { node: value, offset: this.starts[key]! };
        key = this.ends[value]!;
      }
      return undefined;
    }
    if (kind === SEQUENCE) {
      const index = typeof step === 'number' ? step : /^\d+$/.test(step) ? Number(step) : -1;
      if (!Number.isInteger(index) || index < 0) return undefined;
      let item = node + 1;
      for (let i = 0; i < index && item < end; i++) item = this.ends[item]!;
      return item < end ? { node: item, offset: this.starts[item]! } : undefined;
    }
    return undefined;
  }

  /** Item nodes of a sequence node ([] for anything else). */
  items(node: number): number[] {
    if (this.kinds[node] !== SEQUENCE) return [];
    const out: number[] = [];
    for (let item = node + 1; item < this.ends[node]!; item = this.ends[item]!) out.push(item);
    return out;
  }

  /**
   * Offset of the field at `path` under `node` (a mapping entry points at its key); for a path that
   * does not exist, the offset of its nearest existing ancestor. An empty path gives the object's offset.
   */
  locateOffset(node: number, path: FieldPath): number {
    let offset = this.objectOffset(node);
    let current = node;
    for (const step of path) {
      const next = this.child(current, step);
      if (!next) break;
      if (next.offset >= 0) offset = next.offset;
      current = next.node;
    }
    return offset;
  }

  /** How many nodes the stream has (node indices are 0 … nodeCount - 1, in source order). */
  get nodeCount(): number {
    return this.kinds.length;
  }

  /** Source offset where a node starts (at its tag, anchor or opening quote), -1 for an empty node. */
  startOffset(node: number): number {
    return this.starts[node] ?? -1;
  }

  /** Node index just past `node`'s subtree: its nodes are `node … subtreeEnd(node) - 1`. */
  subtreeEnd(node: number): number {
    return this.ends[node] ?? node + 1;
  }

  /** 1-based line/column of a source offset. The line table is built on first use and shared. */
  position(offset: number): LinePosition {
    this.lineIndex ??= new LineIndex(this.source);
    return this.lineIndex.position(Math.max(0, offset));
  }

  private keyEquals(key: number, name: string): boolean {
    const hard = this.hardKeys.get(key);
    if (hard) return getScalarValue(this.source, hard) === name;
    if (this.kinds[key] !== SCALAR) return false;
    const length = this.lengths[key]!;
    if (length !== name.length) return false;
    const start = this.starts[key]!;
    const valueStart = this.source.charCodeAt(start) === 0x22 || this.source.charCodeAt(start) === 0x27 ? start + 1 : start;
    return this.source.startsWith(name, valueStart);
  }

  /** A key whose value is exactly its source text (plain, or quoted without escapes or line breaks). */
  private isLiteralKey(event: ScalarEvent): boolean {
    if (event.tagStart >= 0 || event.anchorStart >= 0 || event.valueStart < 0) return false;
    if (event.style === SCALAR_STYLE.PLAIN) return event.fast;
    if (event.style !== SCALAR_STYLE.DOUBLE_QUOTED && event.style !== SCALAR_STYLE.SINGLE_QUOTED) return false;
    const text = this.source.slice(event.valueStart, event.valueEnd);
    const special = event.style === SCALAR_STYLE.DOUBLE_QUOTED ? /[\\\r\n]/ : /['\r\n]/;
    return !special.test(text);
  }
}

function isQuoted(event: ScalarEvent): boolean {
  return event.style === SCALAR_STYLE.DOUBLE_QUOTED || event.style === SCALAR_STYLE.SINGLE_QUOTED;
}

/** The smallest non-negative offset (a node starts at its tag or anchor when it has one). */
function firstOffset(...offsets: number[]): number {
  let best = -1;
  for (const o of offsets) if (o >= 0 && (best < 0 || o < best)) best = o;
  return best;
}

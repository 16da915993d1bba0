import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node, Scalar } from 'yaml';
import type { ZodError } from 'zod';
import { InputError } from '../../model/errors';

/** A parsed YAML file that can still answer "which line is this value on?". */
export interface YamlSource {
  readonly file: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** The plain data (aliases expanded, bounded). */
  readonly data: unknown;
  /**
   * Where a node's offsets (range) count from, when they do not count from the start of this
   * text: nodes shared between files, read once for a fleet (yaml-segments.ts). Absent: 0.
   */
  readonly originOf?: (node: Node) => number;
}

/** A node's start and value end (range[0], range[1]) in `src.text`. */
export function rangeIn(src: YamlSource, node: Node): readonly [number, number] | undefined {
  if (!node.range) return undefined;
  const by = src.originOf ? src.originOf(node) : 0;
  return [node.range[0] + by, node.range[1] + by];
}

// Policies and contracts are small hand-written files: a few aliases at most. Refusing
// more bounds memory against alias bombs ("billion laughs").
export const MAX_ALIAS_COUNT = 50;

export function parseYamlSource(file: string, text: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const pos = lines.linePos(problem.pos[0]);
    throw new InputError(file, `invalid YAML: ${problem.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`, pos.line, pos.col);
  }
  refuseAmbiguousScalars(file, doc, lines);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    throw new InputError(file, `invalid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { file, text, doc, lines, data };
}

/** How a scalar reads in an error: its source text when it has one. */
function shown(node: Scalar): string {
  return JSON.stringify(node.source ?? String(node.value));
}

/**
 * Contracts and policies are digested as canonical JSON, which has no Infinity, NaN or -0:
 * `.inf`, `-.inf` and `.nan` would all digest as null yet decide differently, so a value the
 * digest cannot tell apart from another is refused here, with its line. Keys must be strings
 * (`1:` and `"1":` would otherwise be one key, the later silently winning), and tags that make
 * something other than a string, number, boolean or null (`!!binary`) are refused too.
 */
function refuseAmbiguousScalars(file: string, doc: Document.Parsed, lines: LineCounter): void {
  const fail = (node: Node, reason: string): never => {
    const pos = lines.linePos(node.range?.[0] ?? 0);
    throw new InputError(file, reason, pos.line, pos.col);
  };
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      if (key !== null && !(isScalar(key) && typeof key.value === 'string')) {
        fail(key, `mapping key ${isScalar(key) ? shown(key) : '(a list or map)'} must be a string; quote it`);
      }
    },
    Scalar(_, node) {
      const v = node.value;
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) fail(node, `${shown(node)} is not a finite number; contracts and policies take finite numbers only (the digest could not tell .inf, -.inf and .nan apart)`);
        if (Object.is(v, -0)) fail(node, `${shown(node)} is negative zero; write 0 (the digest could not tell -0 from 0)`);
      } else if (v !== null && typeof v !== 'string' && typeof v !== 'boolean') {
        fail(node, `${node.tag ?? 'this tag'} values are not supported in contracts and policies; write a string, number, boolean or null`);
      }
    },
  });
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

export function positionAt(src: YamlSource, offset: number): Position {
  const p = src.lines.linePos(offset);
  return { line: p.line, column: p.col };
}

/** Line/column of a node, or of the document start when there is none. */
export function positionOf(src: YamlSource, node: Node | null | undefined): Position {
  return positionAt(src, (node && rangeIn(src, node)?.[0]) ?? 0);
}

/**
 * The node at `path` under `from` (the document root by default). With `key: true` the last
 * step returns the map KEY node (to point at an unknown or misspelt key). Stops at the
 * deepest node that exists, so an error on a missing field points at its parent.
 */
export function nodeAt(src: YamlSource, path: readonly PropertyKey[], from?: Node | null, key = false): Node | null {
  let cur: Node | null = from ?? (src.doc.contents as Node | null);
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    if (isMap(cur)) {
      const pair = cur.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) return cur;
      const last = i === path.length - 1;
      cur = ((key && last) || pair.value === null ? pair.key : pair.value) as Node | null;
    } else if (isSeq(cur) && typeof step === 'number') {
      const item = cur.items[step];
      if (!item) return cur;
      cur = item as Node;
    } else {
      return cur;
    }
  }
  return cur;
}

/** An InputError at the node `path` points to. */
export function errorAt(src: YamlSource, path: readonly PropertyKey[], reason: string, from?: Node | null, key = false): InputError {
  const pos = positionOf(src, nodeAt(src, path, from, key));
  return new InputError(src.file, reason, pos.line, pos.column);
}

function describePath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** The first schema problem as an InputError with the line of the offending value (or key). */
export function schemaError(src: YamlSource, error: ZodError, prefix: readonly PropertyKey[] = [], from?: Node | null): InputError {
  const issue = error.issues[0];
  if (!issue) return new InputError(src.file, 'invalid content');
  if (issue.code === 'unrecognized_keys') {
    const path = [...issue.path, issue.keys[0] ?? ''];
    return errorAt(src, path, `unknown field "${describePath([...prefix, ...path])}"`, from, true);
  }
  const where = describePath([...prefix, ...issue.path]);
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  const reason = missing ? `missing required field "${where}"` : `${where || 'document'}: ${issue.message}`;
  return errorAt(src, issue.path, reason, from);
}

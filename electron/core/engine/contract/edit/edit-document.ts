import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { detectLayout, lineOf } from './text-layout';
import type { Layout } from './text-layout';

/** A problem an edit reports instead of throwing out of applyContractEdits. */
export class EditProblem extends Error {
  constructor(message: string, readonly line?: number) {
    super(message);
  }
}

export type Step = string | number;
export type Path = readonly Step[];

/** The text being edited, parsed. Every write re-parses: edits are few and contracts small. */
export interface EditDocument {
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly data: unknown;
  readonly layout: Layout;
}

const MAX_ALIAS_COUNT = 50;

function parseText(text: string): { doc: Document.Parsed; data: unknown; error?: { message: string; line: number } } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) return { doc, data: undefined, error: { message: err.message.split('\n')[0] ?? 'invalid YAML', line: lineOf(text, err.pos[0]) } };
  try {
    return { doc, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    return { doc, data: undefined, error: { message: e instanceof Error ? e.message : String(e), line: 1 } };
  }
}

export function loadEditDocument(text: string): EditDocument {
  const { doc, data, error } = parseText(text);
  if (error) throw new EditProblem(`invalid YAML: ${error.message.replace(/ at line \d+, column \d+:?$/, '')}`, error.line);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new EditProblem('a contract must be a YAML mapping (apiVersion, kind, metadata, spec)', 1);
  return { text, doc, data, layout: detectLayout(text, doc) };
}

/**
 * The edited text when it parses to exactly `expected`, else null. This is what makes every
 * splice safe: a rendering the document reads differently is never returned.
 */
export function checkedText(text: string, expected: unknown): string | null {
  const { data, error } = parseText(text);
  return !error && isDeepStrictEqual(data, expected) ? text : null;
}

export function getIn(data: unknown, path: Path): unknown {
  let cur = data;
  for (const step of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[step as string];
  }
  return cur;
}

function cloneData<T>(v: T): T {
  return structuredClone(v);
}

/** `data` with `value` at `path` (parents created as mappings): what a set must parse to. */
export function withSet(data: unknown, path: Path, value: unknown): unknown {
  const out = cloneData(data) as Record<string, unknown>;
  let cur: Record<string, unknown> = out;
  path.forEach((step, i) => {
    if (i === path.length - 1) {
      cur[step as string] = cloneData(value);
      return;
    }
    const next = cur[step as string];
    if (typeof next !== 'object' || next === null) cur[step as string] = {};
    cur = cur[step as string] as Record<string, unknown>;
  });
  return out;
}

export function withDeleted(data: unknown, path: Path): unknown {
  const out = cloneData(data);
  const parent = getIn(out, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(last as number, 1);
  else if (typeof parent === 'object' && parent !== null) delete (parent as Record<string, unknown>)[last as string];
  return out;
}

export function describePath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${p}`)).join('');
}

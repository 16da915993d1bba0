/**
 * Which editor a parameter gets and what is wrong with a candidate value. The declared type
 * chooses the editor only when the value has that shape; anything else (a frozen pack's
 * untyped object, a hand-written value) opens the JSON editor, so no value is ever coerced.
 */
import type { PolicyParamDto } from '../../../../electron/shared/contract-editor-types';
import { LIST_TYPES, listItemProblems, numberItemProblems, readStringList } from './list-items';
import type { ListParamType } from './list-items';
import { readWindows, windowProblems } from './next-windows';
import { keyRowProblems, keyRowsValue, readKeyRows } from './key-items';
import type { KeyRow } from './key-items';

export type EditorKind = 'list' | 'key-list' | 'number-list' | 'windows' | 'number' | 'boolean' | 'string' | 'label-map' | 'json';

const isListType = (t: string): t is ListParamType => (LIST_TYPES as readonly string[]).includes(t);

export function readLabelMap(value: unknown): [string, string][] | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.every(([, v]) => typeof v === 'string') ? (entries as [string, string][]) : null;
}

export function editorKind(p: PolicyParamDto): EditorKind {
  const v = p.value;
  // Required tags and labels may carry an allowed-values regex per key.
  if (p.type === 'tag-list' || p.type === 'label-list') return readKeyRows(v) ? 'key-list' : 'json';
  if (isListType(p.type)) return readStringList(v) ? 'list' : 'json';
  switch (p.type) {
    case 'number-list': return Array.isArray(v) && v.every((x) => typeof x === 'number') ? 'number-list' : 'json';
    case 'windows': return readWindows(v) ? 'windows' : 'json';
    case 'number': case 'integer': return typeof v === 'number' ? 'number' : 'json';
    case 'boolean': return typeof v === 'boolean' ? 'boolean' : 'json';
    case 'string': return typeof v === 'string' ? 'string' : 'json';
    case 'label-map': return readLabelMap(v) ? 'label-map' : 'json';
    default: return 'json';
  }
}

/** Problems of a working copy (see toCandidate) for `p`; empty when it may be written to the draft. */
export function valueProblems(p: PolicyParamDto, kind: EditorKind, value: unknown): readonly string[] {
  switch (kind) {
    case 'list': {
      const items = readStringList(value) ?? [];
      return listItemProblems(items, isListType(p.type) ? p.type : 'string-list', p.pattern)
        .map((x) => (x.index >= 0 ? `item ${x.index + 1}: ${x.message}` : x.message));
    }
    case 'key-list':
      return keyRowProblems(Array.isArray(value) ? (value as KeyRow[]) : [], p.type === 'label-list' ? 'label-list' : 'tag-list', p.pattern)
        .map((x) => (x.index >= 0 ? `item ${x.index + 1}: ${x.message}` : x.message));
    case 'number-list':
      return numberItemProblems(Array.isArray(value) ? (value as string[]) : [], p).map((x) => `item ${x.index + 1}: ${x.message}`);
    case 'windows':
      return (readWindows(value) ?? []).flatMap((w, i) => windowProblems(w).map((m) => `window ${i + 1}: ${m}`));
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return ['enter a number'];
      const out: string[] = [];
      if (p.type === 'integer' && !Number.isInteger(value)) out.push('must be a whole number');
      if (p.min !== undefined && value < p.min) out.push(`must be at least ${p.min}`);
      if (p.max !== undefined && value > p.max) out.push(`must be at most ${p.max}`);
      return out;
    }
    case 'label-map': {
      const entries = Array.isArray(value) ? (value as [string, string][]) : [];
      const out: string[] = [];
      const keys = new Set<string>();
      entries.forEach(([k], i) => {
        if (k === '') out.push(`label ${i + 1}: empty key`);
        else if (keys.has(k)) out.push(`label ${i + 1}: duplicate key ${k}`);
        keys.add(k);
      });
      return out;
    }
    default: return [];
  }
}

/**
 * The editor's working copy of a value: label maps as [key, value] rows (so a duplicate key
 * can be shown before it collapses), number lists and JSON as text; everything else as the value itself.
 */
export function toCandidate(kind: EditorKind, value: unknown): unknown {
  if (kind === 'label-map') return readLabelMap(value) ?? [];
  if (kind === 'number-list') return Array.isArray(value) ? value.map(String) : [];
  if (kind === 'key-list') return readKeyRows(value) ?? [];
  if (kind === 'json') return JSON.stringify(value, null, 2) ?? '';
  return value;
}

/** The value to write from a working copy, or the reason it cannot be written. */
export function fromCandidate(kind: EditorKind, candidate: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  if (kind === 'label-map') return { ok: true, value: Object.fromEntries(candidate as [string, string][]) };
  if (kind === 'number-list') return { ok: true, value: (candidate as string[]).map(Number) };
  if (kind === 'key-list') return { ok: true, value: keyRowsValue(candidate as KeyRow[]) };
  if (kind === 'json') {
    try {
      return { ok: true, value: JSON.parse(String(candidate)) as unknown };
    } catch (err) {
      return { ok: false, message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  return { ok: true, value: candidate };
}

/** Canonical JSON, for "did the user change anything". */
export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** An empty value of a noop-when-empty parameter turns its policy off in effect. */
export function isEmptyValue(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object' && v !== null) return Object.keys(v).length === 0;
  return v === '' || v === null || v === undefined;
}

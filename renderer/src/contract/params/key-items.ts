/**
 * Required tags and labels: each item is a key, or {key, allowedRegex} when the value must
 * also match an RE2 expression (required-tags). The form edits them as rows of key + optional
 * regex and writes the short form (the bare key) when no regex is given. Pure: no DOM.
 */
import { RE2JS } from 're2js';
import { listItemProblems } from './list-items';
import type { ItemProblem } from './list-items';

export interface KeyRow {
  readonly key: string;
  readonly allowedRegex: string;
}

/** Rows of a tag-list / label-list value; null when an item has another shape (the JSON editor takes it). */
export function readKeyRows(value: unknown): KeyRow[] | null {
  if (!Array.isArray(value)) return null;
  const rows: KeyRow[] = [];
  for (const v of value) {
    if (typeof v === 'string') rows.push({ key: v, allowedRegex: '' });
    else if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (Object.keys(o).some((k) => k !== 'key' && k !== 'allowedRegex')) return null;
      if (typeof o.key !== 'string' || (o.allowedRegex !== undefined && typeof o.allowedRegex !== 'string')) return null;
      rows.push({ key: o.key, allowedRegex: (o.allowedRegex as string | undefined) ?? '' });
    } else return null;
  }
  return rows;
}

/** The value to write: a bare key, or {key, allowedRegex} when a regex is given. */
export function keyRowsValue(rows: readonly KeyRow[]): unknown[] {
  return rows.map((r) => (r.allowedRegex === '' ? r.key : { key: r.key, allowedRegex: r.allowedRegex }));
}

/** Key problems as for any tag/label list, plus a regex RE2 refuses. */
export function keyRowProblems(rows: readonly KeyRow[], type: 'tag-list' | 'label-list', pattern?: string): readonly ItemProblem[] {
  const problems = [...listItemProblems(rows.map((r) => r.key), type, pattern)];
  rows.forEach((r, index) => {
    if (r.allowedRegex === '') return;
    try {
      RE2JS.compile(r.allowedRegex);
    } catch (err) {
      problems.push({ index, message: `allowed values: not valid RE2 (${err instanceof Error ? err.message : String(err)})` });
    }
  });
  return problems.sort((a, b) => a.index - b.index);
}

/**
 * Per-item checks of a list parameter (registries, tags, labels, namespaces) before it is
 * written to the draft. The engine checks again when the draft loads; this says which item is
 * wrong while the user types. Patterns are RE2 and must match the whole item, as the engine
 * reads them (engine/contract/param-schema.ts), never JS RegExp.
 */
import { RE2JS } from 're2js';
import type { ParamType } from '../../../../electron/shared/contract-editor-types';

export type ListParamType = Extract<ParamType, 'string-list' | 'registry-list' | 'namespace-list' | 'label-list' | 'tag-list'>;
export const LIST_TYPES: readonly ListParamType[] = ['string-list', 'registry-list', 'namespace-list', 'label-list', 'tag-list'];

/** What each kind of item must look like, beyond the parameter's own pattern. */
const SHAPES: Readonly<Record<ListParamType, { readonly re: RegExp; readonly rule: string } | null>> = {
  'string-list': null,
  // A host, host/path prefix or glob; never a URL (the engine compares registry/repository names).
  'registry-list': { re: /^(?!.*:\/\/)[A-Za-z0-9*?][A-Za-z0-9._\-/:*?@]*$/, rule: 'a registry host or path prefix such as ghcr.io/acme/ (no scheme, no spaces)' },
  'namespace-list': { re: /^[a-z0-9*?]([-a-z0-9*?]{0,61}[a-z0-9*?])?$/, rule: 'a Kubernetes namespace or glob: lowercase letters, digits, "-", "*"' },
  'label-list': { re: /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/, rule: 'a label key: [prefix/]name, letters, digits, "-", "_", "."' },
  'tag-list': { re: /^[^\s](.*[^\s])?$/, rule: 'a tag key without leading or trailing spaces' },
};

export interface ItemProblem {
  readonly index: number;
  readonly message: string;
}

/** The parameter's pattern compiled as RE2; a pattern RE2 refuses is itself a problem. */
export function compilePattern(pattern: string | undefined): { ok: true; re: RE2JS | null } | { ok: false; message: string } {
  if (pattern === undefined || pattern === '') return { ok: true, re: null };
  try {
    return { ok: true, re: RE2JS.compile(pattern) };
  } catch (err) {
    return { ok: false, message: `the policy's pattern ${JSON.stringify(pattern)} is not valid RE2 (${err instanceof Error ? err.message : String(err)})` };
  }
}

/** Problems of each item: empty, duplicate (exact), padded, wrong shape, pattern mismatch. */
export function listItemProblems(items: readonly string[], type: ListParamType, pattern?: string): readonly ItemProblem[] {
  const problems: ItemProblem[] = [];
  const compiled = compilePattern(pattern);
  const seen = new Map<string, number>();
  const shape = SHAPES[type];
  items.forEach((item, index) => {
    // An empty prefix or glob would match everything: refused, as the engine does (a plain string list may hold '').
    if (item.trim().length === 0 && type !== 'string-list') return problems.push({ index, message: 'empty: an empty item would match everything; type a value or remove the row' });
    if (item.trim() !== item) problems.push({ index, message: 'leading or trailing spaces' });
    const first = seen.get(item);
    if (first !== undefined) problems.push({ index, message: `duplicate of item ${first + 1}` });
    else seen.set(item, index);
    if (shape && item !== '' && !shape.re.test(item)) problems.push({ index, message: `expected ${shape.rule}` });
    if (compiled.ok && compiled.re && !compiled.re.matches(item)) problems.push({ index, message: `does not match the pattern ${pattern}` });
    return undefined;
  });
  if (!compiled.ok) problems.push({ index: -1, message: compiled.message });
  return problems;
}

/** A list value the list form can edit: strings only (other shapes go to the JSON editor). */
export function readStringList(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? [...value] : null;
}

/** A number-list as the form edits it: one text per item; each must be a number within the bounds. */
export function numberItemProblems(items: readonly string[], bounds: { readonly min?: number; readonly max?: number }): readonly ItemProblem[] {
  const problems: ItemProblem[] = [];
  items.forEach((item, index) => {
    const n = item.trim() === '' ? Number.NaN : Number(item);
    if (!Number.isFinite(n)) problems.push({ index, message: 'enter a number' });
    else if (bounds.min !== undefined && n < bounds.min) problems.push({ index, message: `must be at least ${bounds.min}` });
    else if (bounds.max !== undefined && n > bounds.max) problems.push({ index, message: `must be at most ${bounds.max}` });
  });
  return problems;
}

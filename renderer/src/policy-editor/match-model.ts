/**
 * A policy's `match` as the editor changes it: empty selectors are dropped (an absent selector
 * matches everything; an empty list would match nothing), label lines are read strictly.
 */
import type { PolicyMatchDto } from '../../../electron/shared/contract-editor-types';

export const SOURCES = ['terraform', 'kubernetes', 'image'] as const;
export const ACTIONS = ['create', 'update', 'delete', 'replace', 'read', 'no-op'] as const;

type MutableMatch = { -readonly [K in keyof PolicyMatchDto]: PolicyMatchDto[K] };

/** The match with `key` set; an empty list or map removes the key. */
export function withSelector<K extends keyof PolicyMatchDto>(match: PolicyMatchDto, key: K, value: PolicyMatchDto[K]): PolicyMatchDto {
  const next: MutableMatch = { ...match };
  const empty = value === undefined || (Array.isArray(value) && value.length === 0)
    || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);
  if (empty) delete next[key];
  else next[key] = value;
  return next;
}

/** `key=value` lines → labels; a line without `=` or with an empty key is an error, not dropped. */
export function parseLabels(text: string): { ok: true; labels: Record<string, string> } | { ok: false; message: string } {
  // A Map, then fromEntries: a key such as `__proto__` stays an ordinary label.
  const labels = new Map<string, string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? '' : line.slice(0, eq).trim();
    if (eq < 0 || key === '') return { ok: false, message: `line ${i + 1}: expected key=value` };
    if (labels.has(key)) return { ok: false, message: `line ${i + 1}: label ${key} is given twice` };
    labels.set(key, line.slice(eq + 1).trim());
  }
  return { ok: true, labels: Object.fromEntries(labels) };
}

export const labelsText = (labels: Readonly<Record<string, string>> | undefined): string =>
  Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`).join('\n');

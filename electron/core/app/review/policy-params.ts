import type { ParamType, PolicyParamDto } from '../../../shared/contract-editor-types';
import type { ResolvedContract } from '../../engine';
import { printable } from '../../model/printable-text';
import type { Policy } from '../../model/policy';

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const looksLikeWindow = (v: unknown): boolean => isMap(v) && ('start' in v || 'end' in v || 'days' in v);

/**
 * How the editor shows a parameter without a declared type (frozen packs 1 and 2, older
 * contracts): the kind of its default. Anything it cannot tell is `json` (edited as text).
 */
export function inferParamType(value: unknown): ParamType {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return 'string-list';
    if (value.every((v) => typeof v === 'number')) return 'number-list';
    if (value.every(looksLikeWindow)) return 'windows';
    return 'json';
  }
  if (isMap(value) && Object.values(value).every((v) => typeof v === 'string')) return 'label-map';
  return 'json';
}

/** Each parameter with its schema, the value in force and whether the contract sets it. */
export function paramDtos(c: ResolvedContract, p: Policy): PolicyParamDto[] {
  const values = c.parameters[p.id] ?? {};
  const set = new Set(c.setParameters?.[p.id] ?? []);
  return Object.entries(p.parameters).map(([name, d]) => ({
    name,
    description: d.description,
    type: d.type ?? inferParamType(d.default),
    value: Object.hasOwn(values, name) ? values[name] : d.default,
    default: d.default,
    set: set.has(name),
    ...(d.min !== undefined ? { min: d.min } : {}),
    ...(d.max !== undefined ? { max: d.max } : {}),
    ...(d.pattern !== undefined ? { pattern: d.pattern } : {}),
    noopWhenEmpty: d.noopWhenEmpty === true,
  }));
}

const MAX_ITEM = 40;

function short(s: string): string {
  const clean = printable(s);
  return clean.length > MAX_ITEM ? `${clean.slice(0, MAX_ITEM - 1)}…` : clean;
}

function itemText(v: unknown): string {
  if (typeof v === 'string') return short(v);
  if (looksLikeWindow(v)) {
    const w = v as Record<string, unknown>;
    const days = Array.isArray(w.days) ? w.days.join(',') : 'every day';
    return short(`${days} ${String(w.start ?? '?')}-${String(w.end ?? '?')} ${String(w.timezone ?? 'UTC')}`);
  }
  if (isMap(v) && typeof v.key === 'string') return short(v.allowedRegex ? `${v.key}~${String(v.allowedRegex)}` : v.key);
  return short(JSON.stringify(v) ?? String(v));
}

function valueText(v: unknown): string {
  if (Array.isArray(v)) return v.length === 0 ? '(none)' : `${itemText(v[0])}${v.length > 1 ? `, +${v.length - 1}` : ''}`;
  if (isMap(v)) {
    const entries = Object.entries(v);
    if (entries.length === 0) return '(none)';
    const [k, first] = entries[0]!;
    return `${short(k)}=${itemText(first)}${entries.length > 1 ? `, +${entries.length - 1}` : ''}`;
  }
  if (v === '' || v === null || v === undefined) return '(none)';
  return itemText(typeof v === 'string' ? v : JSON.stringify(v));
}

/** The parameters at a glance: `registries: ghcr.io/acme/, +2; maxDays: 7` ('' without parameters). */
export function paramsSummary(params: readonly PolicyParamDto[]): string {
  return params.map((p) => `${p.name}: ${valueText(p.value)}`).join('; ');
}

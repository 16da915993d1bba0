import { RE2JS } from 're2js';
import type { PolicyParameter, PolicyParamType } from '../../model/policy';
import { re2Rejection } from '../cel/functions/regex';
import { inWindow } from '../cel/functions/time';

/** A value that does not fit its parameter's schema: why, and where inside the value. */
export interface ParamProblem {
  /** Steps into the value (list index, map key); [] for the value itself. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const LIST_TYPES: ReadonlySet<PolicyParamType> = new Set(['string-list', 'registry-list', 'namespace-list', 'label-list', 'tag-list', 'windows', 'number-list']);
const NUMERIC_TYPES: ReadonlySet<PolicyParamType> = new Set(['number', 'integer', 'number-list']);
const STRING_ITEM_TYPES: ReadonlySet<PolicyParamType> = new Set(['string', 'string-list', 'registry-list', 'namespace-list', 'label-list', 'tag-list', 'label-map']);

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (isMap(v)) return 'a map';
  return `${typeof v === 'number' ? 'the number' : typeof v === 'string' ? 'the string' : 'the value'} ${JSON.stringify(v)}`;
}

function fullMatch(pattern: string, s: string): boolean {
  return RE2JS.compile(pattern).matches(s);
}

/**
 * Why a parameter declaration is inconsistent (bounds on a non-number, a pattern RE2 cannot
 * run, min above max), or undefined. The default is checked separately, as a value.
 */
export function declarationProblem(decl: Omit<PolicyParameter, 'default'>): ParamProblem | undefined {
  const at = (field: string, message: string): ParamProblem => ({ path: [field], message });
  if ((decl.min !== undefined || decl.max !== undefined) && !(decl.type && NUMERIC_TYPES.has(decl.type))) {
    return at(decl.min !== undefined ? 'min' : 'max', 'min and max bound numbers: declare type number, integer or number-list');
  }
  if (decl.min !== undefined && decl.max !== undefined && decl.min > decl.max) return at('min', `min ${decl.min} is above max ${decl.max}`);
  if (decl.pattern !== undefined) {
    if (!(decl.type && STRING_ITEM_TYPES.has(decl.type))) return at('pattern', 'a pattern checks strings: declare a string, list or label-map type');
    const rejected = re2Rejection(decl.pattern);
    if (rejected) return at('pattern', rejected);
  }
  if (decl.noopWhenEmpty === true && !(decl.type === undefined || decl.type === 'string' || decl.type === 'label-map' || LIST_TYPES.has(decl.type))) {
    return at('noopWhenEmpty', `a ${decl.type} cannot be empty: noopWhenEmpty is for strings, lists and maps`);
  }
  return undefined;
}

/** An allow-list or required-list item: a string that is not empty (an empty prefix or glob would match everything). */
function stringItem(decl: PolicyParameter, item: unknown, path: (string | number)[], what: string): ParamProblem | undefined {
  if (typeof item !== 'string') return { path, message: `each ${what} must be a string, got ${describe(item)}` };
  if (decl.type !== 'string-list' && item.trim() === '') return { path, message: `an empty ${what} would match everything; remove it or write the ${what}` };
  if (decl.pattern !== undefined && !fullMatch(decl.pattern, item)) return { path, message: `${JSON.stringify(item)} does not match the pattern ${JSON.stringify(decl.pattern)}` };
  return undefined;
}

/** A required tag or label: "Key" or {key: Key, allowedRegex?: RE2}. */
function keyItem(decl: PolicyParameter, item: unknown, path: (string | number)[], what: string): ParamProblem | undefined {
  if (typeof item === 'string') return stringItem(decl, item, path, what);
  if (!isMap(item)) return { path, message: `each ${what} must be a name or {key, allowedRegex}, got ${describe(item)}` };
  const extra = Object.keys(item).find((k) => k !== 'key' && k !== 'allowedRegex');
  if (extra !== undefined) return { path: [...path, extra], message: `unknown field ${JSON.stringify(extra)} (a ${what} has key and allowedRegex)` };
  const key = stringItem(decl, item.key, [...path, 'key'], `${what} key`);
  if (key) return key;
  if (item.allowedRegex !== undefined) {
    if (typeof item.allowedRegex !== 'string') return { path: [...path, 'allowedRegex'], message: 'allowedRegex must be a string' };
    const rejected = re2Rejection(item.allowedRegex);
    if (rejected) return { path: [...path, 'allowedRegex'], message: rejected };
  }
  return undefined;
}

function numberProblem(decl: PolicyParameter, v: unknown, path: (string | number)[], integer: boolean): ParamProblem | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return { path, message: `must be a number, got ${describe(v)}` };
  if (integer && !Number.isInteger(v)) return { path, message: `must be a whole number, got ${v}` };
  if (decl.min !== undefined && v < decl.min) return { path, message: `${v} is below the minimum ${decl.min}` };
  if (decl.max !== undefined && v > decl.max) return { path, message: `${v} is above the maximum ${decl.max}` };
  return undefined;
}

function listOf(v: unknown, what: string, each: (item: unknown, path: (string | number)[]) => ParamProblem | undefined): ParamProblem | undefined {
  if (!Array.isArray(v)) return { path: [], message: `must be a list of ${what}, got ${describe(v)}` };
  for (let i = 0; i < v.length; i++) {
    const p = each(v[i], [i]);
    if (p) return p;
  }
  return undefined;
}

/**
 * Why `value` does not fit the parameter's declared type, bounds and pattern, or undefined when
 * it does (or when the parameter declares no type: then only the kind of its default is asked,
 * parse-contract.ts). Used for defaults, contract values and test-case values alike.
 */
export function paramValueProblem(decl: PolicyParameter, value: unknown): ParamProblem | undefined {
  switch (decl.type) {
    case undefined: return undefined;
    case 'string':
      return typeof value === 'string' ? (decl.pattern !== undefined && value !== '' && !fullMatch(decl.pattern, value) ? { path: [], message: `${JSON.stringify(value)} does not match the pattern ${JSON.stringify(decl.pattern)}` } : undefined)
        : { path: [], message: `must be a string, got ${describe(value)}` };
    case 'boolean': return typeof value === 'boolean' ? undefined : { path: [], message: `must be true or false, got ${describe(value)}` };
    case 'number': return numberProblem(decl, value, [], false);
    case 'integer': return numberProblem(decl, value, [], true);
    case 'number-list': return listOf(value, 'numbers', (item, path) => numberProblem(decl, item, path, false));
    case 'string-list': return listOf(value, 'strings', (item, path) => stringItem(decl, item, path, 'item'));
    case 'registry-list': return listOf(value, 'registries', (item, path) => stringItem(decl, item, path, 'registry'));
    case 'namespace-list': return listOf(value, 'namespaces', (item, path) => stringItem(decl, item, path, 'namespace'));
    case 'tag-list': return listOf(value, 'tags', (item, path) => keyItem(decl, item, path, 'tag'));
    case 'label-list': return listOf(value, 'labels', (item, path) => keyItem(decl, item, path, 'label'));
    case 'label-map': {
      if (!isMap(value)) return { path: [], message: `must be a map of label names to values, got ${describe(value)}` };
      for (const [k, v] of Object.entries(value)) {
        const key = stringItem(decl, k, [k], 'label name');
        if (key) return key;
        if (typeof v !== 'string') return { path: [k], message: `the value of label ${JSON.stringify(k)} must be a string, got ${describe(v)}` };
      }
      return undefined;
    }
    case 'windows':
      return listOf(value, 'windows', (item, path) => {
        try {
          inWindow(new Date(0), [item]);
          return undefined;
        } catch (err) {
          return { path, message: (err instanceof Error ? err.message : String(err)).replace(/^inWindow: /, '') };
        }
      });
    default: return { path: [], message: `unknown parameter type ${JSON.stringify(decl.type)}` };
  }
}

/** True when a value leaves nothing to check: null, '', an empty list or map. */
export function isEmptyParam(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isMap(value) && Object.keys(value).length === 0;
}

/** Plain-English labels for builder rows ("After the change, spec.replicas is at least 2"). */
import { formatSteps, parseFieldPath } from './field-path';
import { isParamRef } from './row-cel';
import type { BuilderRow, RowOp, RowValue } from './types';

const OP_WORDS: Readonly<Record<RowOp, string>> = {
  '==': 'equals',
  '!=': 'does not equal',
  '<': 'is less than',
  '<=': 'is at most',
  '>': 'is greater than',
  '>=': 'is at least',
  in: 'is one of',
  notIn: 'is not one of',
  startsWith: 'starts with',
  endsWith: 'ends with',
  contains: 'contains',
  matches: 'matches the regular expression',
  glob: 'matches the glob',
  exists: 'is set',
  notExists: 'is not set (missing or null)',
};

function quoted(s: string): string {
  return JSON.stringify(s);
}

function describeValue(v: RowValue): string {
  if (v === null) return '';
  if (isParamRef(v)) return `the parameter ${quoted(v.param)}`;
  if (Array.isArray(v)) return v.length === 0 ? '(an empty list)' : (v as readonly string[]).map(quoted).join(', ');
  return typeof v === 'string' ? quoted(v) : String(v);
}

function describeField(path: string): string {
  const p = parseFieldPath(path);
  if (!p) return path;
  const rest = formatSteps(p.steps);
  switch (p.root) {
    case 'resource':
      return rest === '' ? 'The resource' : `Resource ${rest}`;
    case 'c':
      return rest === '' ? 'The container' : `Container ${rest}`;
    case 'object':
      return rest === '' ? 'The resource after the change' : `After the change, ${rest}`;
    case 'oldObject':
      return rest === '' ? 'The resource before the change' : `Before the change, ${rest}`;
  }
}

export function describeRow(row: BuilderRow): string {
  const op = row.op === 'glob' && row.value !== null && typeof row.value !== 'string' ? 'matches one of the globs' : OP_WORDS[row.op] ?? row.op;
  const value = describeValue(row.value);
  return value === '' ? `${describeField(row.path)} ${op}` : `${describeField(row.path)} ${op} ${value}`;
}

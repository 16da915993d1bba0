/** A builder row as CEL (one canonical spelling), and whether a row can be written at all. */
import { isCelString, isWritableNumber, numberLiteral, paramReference, stringListLiteral, stringLiteral } from './cel-literals';
import { isCanonicalPath, parseFieldPath, subjectCel } from './field-path';
import type { BuilderRow, ParamRef, RowOp, RowValue } from './types';

export function isParamRef(v: RowValue): v is ParamRef {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type ValueKind = 'string' | 'number' | 'boolean' | 'list' | 'param' | 'none';

function kindOf(v: RowValue): ValueKind | undefined {
  if (v === null) return 'none';
  if (typeof v === 'string') return isCelString(v) ? 'string' : undefined;
  if (typeof v === 'number') return isWritableNumber(v) ? 'number' : undefined;
  if (typeof v === 'boolean') return 'boolean';
  if (Array.isArray(v)) return v.every((s) => typeof s === 'string' && isCelString(s)) ? 'list' : undefined;
  const name = (v as ParamRef).param;
  return typeof name === 'string' && name !== '' && isCelString(name) ? 'param' : undefined;
}

/** The value kinds each operator takes. */
export const OP_VALUE_KINDS: Readonly<Record<RowOp, readonly ValueKind[]>> = {
  '==': ['string', 'number', 'boolean', 'param'],
  '!=': ['string', 'number', 'boolean', 'param'],
  '<': ['number', 'string', 'param'],
  '<=': ['number', 'string', 'param'],
  '>': ['number', 'string', 'param'],
  '>=': ['number', 'string', 'param'],
  in: ['list', 'param'],
  notIn: ['list', 'param'],
  startsWith: ['string', 'param'],
  endsWith: ['string', 'param'],
  contains: ['string', 'param'],
  matches: ['string', 'param'],
  glob: ['string', 'list', 'param'],
  exists: ['none'],
  notExists: ['none'],
};

/**
 * Why a row cannot be written as given (undefined when it can). `inContainer`: the row sits
 * in a forEachContainer, where `c.…` paths mean the container.
 */
export function rowProblem(row: BuilderRow, inContainer: boolean): string | undefined {
  if (!isCanonicalPath(row.path)) return `field path ${JSON.stringify(row.path)} is not one the builder can write`;
  const p = parseFieldPath(row.path);
  if (p?.root === 'c' && !inContainer) return 'c.… fields exist only inside "for every container"';
  const allowed = OP_VALUE_KINDS[row.op] as readonly ValueKind[] | undefined;
  if (!allowed) return `unknown operator ${JSON.stringify(row.op)}`;
  const kind = kindOf(row.value);
  if (!kind) return 'the value cannot be written in CEL (a lone UTF-16 surrogate, NaN, Infinity or -0)';
  if (!allowed.includes(kind)) return `operator ${row.op} takes ${allowed.join(' or ')}, not ${kind}`;
  return undefined;
}

export function valueCel(v: RowValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return stringLiteral(v);
  if (typeof v === 'number') return numberLiteral(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return stringListLiteral(v as readonly string[]);
  return paramReference((v as ParamRef).param);
}

/**
 * The row's CEL. A row rowProblem refuses is still written (never thrown away), as the
 * closest CEL, so the text shows what is wrong; callers show rowProblem next to it.
 */
export function rowCel(row: BuilderRow): string {
  const parsed = parseFieldPath(row.path);
  const subject = parsed ? subjectCel(parsed) : row.path;
  const value = valueCel(row.value);
  switch (row.op) {
    case 'in':
      return `${subject} in ${value}`;
    case 'notIn':
      return `!(${subject} in ${value})`;
    case 'startsWith':
    case 'endsWith':
    case 'contains':
    case 'matches':
      return `${subject}.${row.op}(${value})`;
    case 'glob':
      return typeof row.value === 'string' ? `glob(${value}, ${subject})` : `globAny(${value}, ${subject})`;
    case 'exists':
      return `${subject} != null`;
    case 'notExists':
      return `${subject} == null`;
    default:
      return `${subject} ${row.op} ${value}`;
  }
}


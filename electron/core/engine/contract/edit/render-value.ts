import type { Layout } from './text-layout';
import { blockLiteral, doubleQuoted, plainOk, renderKey, renderNumber, singleQuoted, singleQuotedOk } from './render-scalar';

/** A scalar style an existing node used (yaml's Scalar.type), kept where the new value allows. */
export type ScalarStyle = string | undefined;

export interface RenderOptions {
  readonly layout: Layout;
  /** Multi-line strings as `|` blocks (else double-quoted): the fallback turns this off. */
  readonly blockScalars: boolean;
  /** How many levels from the top must be block mappings/lists (parents the edit creates). */
  readonly forceBlock: number;
  /** The replaced scalar's style, tried first for a new single-line string. */
  readonly prefer?: ScalarStyle;
}

/** A flow collection stays on one line only while it is this short. */
const FLOW_WIDTH = 72;

export type Plain = null | boolean | number | string | readonly Plain[] | { readonly [k: string]: Plain };

export function isCollection(v: unknown): v is readonly Plain[] | Readonly<Record<string, Plain>> {
  return typeof v === 'object' && v !== null;
}

function entries(v: readonly Plain[] | Readonly<Record<string, Plain>>): [string, Plain][] {
  return Array.isArray(v) ? [] : Object.entries(v);
}

export function isMultiLineString(v: unknown): v is string {
  return typeof v === 'string' && v.includes('\n');
}

function scalarText(v: Exclude<Plain, object>, flow: boolean, prefer: ScalarStyle): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return renderNumber(v);
  if (prefer === 'QUOTE_DOUBLE') return doubleQuoted(v);
  if (prefer === 'QUOTE_SINGLE' && singleQuotedOk(v)) return singleQuoted(v);
  return plainOk(v, flow) ? v : doubleQuoted(v);
}

/** One-line flow text of any value (strings plain when safe in flow, else double-quoted). */
export function flowText(v: Plain, prefer?: ScalarStyle): string {
  if (Array.isArray(v)) return `[${(v as readonly Plain[]).map((x) => flowText(x)).join(', ')}]`;
  if (isCollection(v)) return `{${entries(v).map(([k, x]) => `${renderKey(k)}: ${flowText(x)}`).join(', ')}}`;
  return scalarText(v as Exclude<Plain, object>, true, prefer);
}

function hasMultiLine(v: Plain): boolean {
  if (isMultiLineString(v)) return true;
  if (Array.isArray(v)) return (v as readonly Plain[]).some(hasMultiLine);
  return isCollection(v) && entries(v).some(([, x]) => hasMultiLine(x));
}

function isEmptyCollection(v: Plain): boolean {
  return isCollection(v) && (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);
}

/** Whether a collection value is written in block style here. */
export function wantsBlock(v: Plain, o: RenderOptions): boolean {
  if (!isCollection(v) || isEmptyCollection(v)) return false;
  if (o.forceBlock > 0) return true;
  return (o.blockScalars && hasMultiLine(v)) || flowText(v).length > FLOW_WIDTH;
}

/** Options one level down: one forced block level used up, the old node's style no longer applies. */
export const deeper = (o: RenderOptions): RenderOptions => ({ ...o, forceBlock: Math.max(0, o.forceBlock - 1), prefer: undefined });

/**
 * The text after `key:` for a value owned by a key at column `keyCol`: ` value`, ` |` + body,
 * or a line break and a block collection at the next level. No trailing line break.
 */
export function afterKey(v: Plain, keyCol: number, o: RenderOptions): string {
  const { layout } = o;
  if (isMultiLineString(v) && o.blockScalars) {
    const block = blockLiteral(v, keyCol, keyCol + layout.unit, layout.eol);
    if (block) return ` ${block.header}${layout.eol}${block.body}`;
  }
  if (!wantsBlock(v, o)) return ` ${inlineText(v, o)}`;
  const col = Array.isArray(v) ? keyCol + layout.seqOffset : keyCol + layout.unit;
  return `${layout.eol}${blockLines(v, col, deeper(o))}`;
}

/**
 * The text after `-` for a list item whose `-` is at column `dashCol` (compact block form),
 * its content `offset` columns right of the dash.
 */
export function afterDash(v: Plain, dashCol: number, o: RenderOptions, offset = 2): string {
  const { layout } = o;
  const gap = ' '.repeat(offset - 1);
  const col = dashCol + offset;
  if (isMultiLineString(v) && o.blockScalars) {
    const block = blockLiteral(v, dashCol, col, layout.eol);
    if (block) return `${gap}${block.header}${layout.eol}${block.body}`;
  }
  if (!wantsBlock(v, o)) return `${gap}${inlineText(v, o)}`;
  return `${gap}${blockLines(v, col, deeper(o)).slice(col)}`;
}

/** A scalar or flow collection on one line. */
export function inlineText(v: Plain, o: Pick<RenderOptions, 'prefer'>): string {
  return isCollection(v) ? flowText(v) : scalarText(v as Exclude<Plain, object>, false, o.prefer);
}

/** A block mapping or list whose lines all start at column `col` (the first one included). */
export function blockLines(v: Plain, col: number, o: RenderOptions): string {
  const pad = ' '.repeat(col);
  if (Array.isArray(v)) return (v as readonly Plain[]).map((item) => `${pad}-${afterDash(item, col, o)}`).join(o.layout.eol);
  return entries(v as Readonly<Record<string, Plain>>).map(([k, x]) => `${pad}${renderKey(k)}:${afterKey(x, col, o)}`).join(o.layout.eol);
}

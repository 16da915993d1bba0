/**
 * CEL text → builder model, losslessly: `toCel(toBuilder(text)) === text` for any text.
 * What it recognises (rows, all/any groups, "for every container") is kept only where writing
 * it back gives exactly the same bytes; everything else is a raw chip with its exact text.
 */
import { Environment } from '@marcbachmann/cel-js';
import type { ASTNode } from '@marcbachmann/cel-js';
import { depths, isTrivia, tokenize } from './cel-tokens';
import type { Token } from './cel-tokens';
import { readRow } from './read-row';
import { rowCel, rowProblem } from './row-cel';
import { bodyCel, canonicalLead, canonicalSep, CONTAINER_PREFIX, toCel } from './to-cel';
import type { BodyPlace } from './to-cel';
import type { BuilderCondition, BuilderItem, GroupJoin, GroupLayout } from './types';

let env: Environment | undefined;

/** Parse only (no type-check): any variable and function name is fine here. */
function parseCel(text: string): ASTNode | undefined {
  env ??= new Environment({ unlistedVariablesAreDyn: true, enableOptionalTypes: true, homogeneousAggregateLiterals: false });
  try {
    return env.parse(text).ast;
  } catch {
    return undefined; // syntax errors, and limits on hostile input (depth, length)
  }
}

/**
 * Why a raw chip's text is not one complete CEL expression (syntax only; the engine's
 * diagnostics type-check the whole condition), or undefined. The UI flags such a chip: its
 * text would otherwise combine with its neighbours in ways the chip does not show.
 */
export function rawChipProblem(cel: string): string | undefined {
  env ??= new Environment({ unlistedVariablesAreDyn: true, enableOptionalTypes: true, homogeneousAggregateLiterals: false });
  try {
    env.parse(cel);
    return undefined;
  } catch (err) {
    const summary = (err as { summary?: unknown }).summary;
    return typeof summary === 'string' ? summary : err instanceof Error ? err.message.split('\n')[0] : String(err);
  }
}

interface Body {
  readonly join: GroupJoin;
  readonly items: readonly BuilderItem[];
  readonly layout?: GroupLayout;
}

const raw = (cel: string): BuilderItem => ({ kind: 'raw', cel });

/** Splits a body at its top-level `||` (else `&&`); undefined when brackets or strings do not close. */
function split(text: string): { join: GroupJoin; pieces: Token[][] } | undefined {
  const tokens = tokenize(text);
  const d = tokens && depths(tokens);
  if (!tokens || !d) return undefined;
  const top = tokens.filter((_, i) => d[i] === 0);
  const kind = top.some((t) => t.kind === 'question') ? undefined : top.some((t) => t.kind === 'or') ? 'or' : top.some((t) => t.kind === 'and') ? 'and' : undefined;
  const pieces: Token[][] = [[]];
  tokens.forEach((t, i) => {
    if (kind && d[i] === 0 && t.kind === kind) pieces.push([]);
    else pieces[pieces.length - 1]?.push(t);
  });
  return { join: kind === 'or' ? 'any' : 'all', pieces };
}

function readBody(text: string, place: BodyPlace, inContainer: boolean): Body | undefined {
  const s = split(text);
  if (!s) return undefined;
  const items: BuilderItem[] = [];
  const gaps: string[] = []; // lead, the separators, trail
  let last = 0;
  for (const piece of s.pieces) {
    const first = piece.findIndex((t) => !isTrivia(t));
    if (first < 0) return undefined; // `a && && b`: not a list of items
    const end = piece.findLastIndex((t) => !isTrivia(t));
    const start = piece[first]?.start ?? 0;
    const stop = piece[end]?.end ?? 0;
    gaps.push(text.slice(last, start));
    items.push(readItem(text.slice(start, stop), inContainer));
    last = stop;
  }
  const lead = gaps[0] ?? '';
  const seps = gaps.slice(1);
  const trail = text.slice(last);
  const canonical = lead === canonicalLead(place) && trail === '' && seps.every((x) => x === canonicalSep(s.join));
  return canonical ? { join: s.join, items } : { join: s.join, items, layout: { lead, seps, trail } };
}

/** `( … )` around the whole text (the first bracket closes at the very end)? */
function isParenthesized(text: string): boolean {
  const tokens = tokenize(text);
  const d = tokens && depths(tokens);
  if (!tokens || !d || tokens[0]?.kind !== 'open' || text[0] !== '(') return false;
  return d.findIndex((depth, i) => i > 0 && depth === 0) === tokens.length - 1;
}

/** `resource.containers.all(c, BODY)` → the body's text, or undefined. */
function containerBody(text: string, ast: ASTNode): string | undefined {
  if (ast.op !== 'rcall' || ast.args[0] !== 'all' || !text.startsWith(CONTAINER_PREFIX) || !text.endsWith(')')) return undefined;
  const [variable] = ast.args[2];
  if (variable?.op !== 'id' || variable.args !== 'c' || ast.args[2].length !== 2) return undefined;
  return text.slice(CONTAINER_PREFIX.length, -1);
}

function readItem(text: string, inContainer: boolean): BuilderItem {
  if (isParenthesized(text)) {
    const body = readBody(text.slice(1, -1), 'nested', inContainer);
    if (body && body.items.length >= 2) {
      const group: BuilderItem = { kind: 'group', ...body };
      if (`(${bodyCel(body.items, body.join, body.layout, 'nested')})` === text) return group;
    }
    return raw(text);
  }
  const ast = parseCel(text);
  if (!ast) return raw(text);
  const inner = inContainer ? undefined : containerBody(text, ast);
  if (inner !== undefined) {
    const body = readBody(inner, 'container', true);
    if (body && (body.items.length > 1 || body.join === 'all')) {
      if (`${CONTAINER_PREFIX}${bodyCel(body.items, body.join, body.layout, 'container')})` === text) return { kind: 'forEachContainer', ...body };
    }
    return raw(text);
  }
  const row = readRow(ast, inContainer);
  if (row && rowProblem(row, inContainer) === undefined && rowCel(row) === text) return row;
  return raw(text);
}

/**
 * The builder model of a condition. Text that does not parse is one raw chip; every part
 * the builder cannot show stays raw with its exact bytes (whitespace and comments included).
 */
export function toBuilder(cel: string): BuilderCondition {
  const whole: BuilderCondition = { kind: 'group', join: 'all', items: [raw(cel)] };
  if (!parseCel(cel)) return whole;
  const body = readBody(cel, 'top', false);
  if (!body) return whole;
  const model: BuilderCondition = { kind: 'group', ...body };
  return toCel(model) === cel ? model : whole;
}

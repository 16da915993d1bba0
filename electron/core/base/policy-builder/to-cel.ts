/** Builder model → CEL text. */
import { depths, endsInComment, isTrivia, isTriviaText, tokenize } from './cel-tokens';
import { rowCel } from './row-cel';
import type { BuilderCondition, BuilderItem, GroupJoin, GroupLayout } from './types';

/** Where a list of items is written: the whole condition, inside `( )`, or inside `all(c, …)`. */
export type BodyPlace = 'top' | 'nested' | 'container';

export const CONTAINER_PREFIX = 'resource.containers.all(c,';

export function canonicalSep(join: GroupJoin): string {
  return join === 'all' ? ' && ' : ' || ';
}

export function canonicalLead(place: BodyPlace): string {
  return place === 'container' ? ' ' : '';
}

/** A separator holds exactly the join operator between whitespace and comments. */
function isValidSep(sep: string, join: GroupJoin): boolean {
  const tokens = tokenize(sep);
  if (!tokens) return false;
  const ops = tokens.filter((t) => !isTrivia(t));
  return ops.length === 1 && ops[0]?.kind === (join === 'all' ? 'and' : 'or');
}

/**
 * Does raw text need parentheses to stay one item of the group? Only where the meaning would
 * change: a top-level `?:` anywhere, a top-level `||` inside an `all` group.
 */
function rawNeedsParens(cel: string, join: GroupJoin): boolean {
  const tokens = tokenize(cel);
  const d = tokens && depths(tokens);
  if (!tokens || !d) return false;
  return tokens.some((t, i) => d[i] === 0 && (t.kind === 'question' || (t.kind === 'or' && join === 'all')));
}

/** Closes a text that ends inside a `//` comment, so what follows is not commented out. */
function closeComment(text: string): string {
  return endsInComment(text) ? `${text}\n` : text;
}

function itemCel(item: BuilderItem, join: GroupJoin, alone: boolean): string {
  switch (item.kind) {
    case 'row':
      return rowCel(item);
    case 'raw':
      return !alone && rawNeedsParens(item.cel, join) ? `(${closeComment(item.cel)})` : item.cel;
    case 'group':
      return `(${bodyCel(item.items, item.join, item.layout, 'nested')})`;
    case 'forEachContainer':
      return `${CONTAINER_PREFIX}${bodyCel(item.items, item.join, item.layout, 'container')})`;
  }
}

/** The items joined, with the layout's exact text where it is valid and the canonical one elsewhere. */
export function bodyCel(items: readonly BuilderItem[], join: GroupJoin, layout: GroupLayout | undefined, place: BodyPlace): string {
  const closed = place !== 'top'; // something (`)`) follows the body
  const lead = layout && isTriviaText(layout.lead) && !endsInComment(layout.lead) ? layout.lead : canonicalLead(place);
  const trail = layout && isTriviaText(layout.trail) && !(closed && endsInComment(layout.trail)) ? layout.trail : '';
  if (items.length === 0) return `${lead}${join === 'all' ? 'true' : 'false'}${trail}`;
  let out = lead;
  items.forEach((item, i) => {
    if (i > 0) {
      const sep = layout?.seps[i - 1];
      out += sep !== undefined && isValidSep(sep, join) ? sep : canonicalSep(join);
    }
    const text = itemCel(item, join, items.length === 1);
    const followed = i < items.length - 1 || closed || trail !== '';
    out += followed ? closeComment(text) : text;
  });
  return out + trail;
}

/** The CEL of a builder condition. Never throws; rows rowProblem refuses are still written. */
export function toCel(b: BuilderCondition): string {
  return bodyCel(b.items, b.join, b.layout, 'top');
}

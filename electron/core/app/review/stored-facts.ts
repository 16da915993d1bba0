import type { ResourceFactsDto } from '../../../shared/review-types';
import type { ChangeSet } from '../../model/changeset';
import type { Workspace } from '../../store';
import { factsOf } from './resource-facts';
import type { StoredResourceFacts } from './resource-facts';

/**
 * The version of the stored facts' shape. Bump it when ResourceFactsDto or how it is computed
 * changes: rows of another version are computed again from the change set on first open.
 * (Version 1 had no document indexes nor disambiguators; 2 is resource-facts.ts's.) Version 2
 * rows written before `lastIndex` was kept lack it and are read as before: the first rows of a
 * shared address then read the whole list (adding it needed no recomputation of every row).
 */
export const RESOURCE_FACTS_VERSION = 2;

/**
 * The stored facts of a change set, or null when none of this version are stored (imported
 * before, or another shape). The row is derived data anyone who can write the workspace file
 * can change: one that is not a list of facts, one per resource of the stored change set, in
 * order, is not used (the caller computes them again). Whether the facts are the change set's
 * own is checked when the session builds the change set (review-session.ts).
 */
export function storedFacts(ws: Workspace, digest: string): readonly ResourceFactsDto[] | null {
  const facts = ws.resourceFacts.get(digest, RESOURCE_FACTS_VERSION);
  const count = ws.changeSets.getChangeSet(digest)?.resourceCount;
  if (facts === null || facts.length !== count || !facts.every(isFacts)) return null;
  return facts;
}

/**
 * The first `first` stored facts, parsed from the head of the stored list's text alone (a 15k
 * list is 5 MB of JSON: the review's first rows need 40 KB of it), then, when one of them shares
 * its address, the rows up to the last resource of that address (a finding of that address may
 * point at any of them: findingResourceIndex). Null when they cannot be read so (none stored, a
 * list that is shorter or not well-formed there, rows that are not facts in order, a shared
 * address stored without `lastIndex` or reaching too far): the caller reads the whole list then.
 * Checked like storedFacts' rows; `lastIndex` is checked against the row it names.
 */
export function storedFactsHead(ws: Workspace, digest: string, first: number): readonly StoredResourceFacts[] | null {
  const text = ws.resourceFacts.headText(digest, RESOURCE_FACTS_VERSION, first * HEAD_CHARS_PER_ROW);
  if (text === null) return null;
  const head = headOf(text, first);
  if (head === null) return null;
  let upTo = first;
  for (const f of head) {
    if (f.disambiguator === '') continue;
    if (f.lastIndex === undefined) return null;
    upTo = Math.max(upTo, f.lastIndex + 1);
  }
  if (upTo === first) return head;
  if (upTo > first * MAX_HEAD_GROWTH) return null;
  // Usually already in the text read for the first rows; else read a longer head.
  let longer = headOf(text, upTo);
  if (longer === null) {
    const more = ws.resourceFacts.headText(digest, RESOURCE_FACTS_VERSION, upTo * HEAD_CHARS_PER_ROW);
    longer = more === null ? null : headOf(more, upTo);
  }
  if (longer === null) return null;
  // Each shown shared address's last resource is where its rows say, and says so itself.
  for (const f of head) {
    if (f.lastIndex === undefined) continue;
    const last = longer[f.lastIndex];
    if (last?.address !== f.address || last.lastIndex !== f.lastIndex) return null;
  }
  return longer;
}

/** The first `n` facts of a head of the stored list's text, or null. */
function headOf(text: string, n: number): readonly StoredResourceFacts[] | null {
  const end = endOfElements(text, n);
  if (end === null) return null;
  let head: unknown;
  try {
    head = JSON.parse(`${text.slice(0, end)}]`);
  } catch {
    return null;
  }
  return Array.isArray(head) && head.length === n && head.every(isFacts) ? head : null;
}

/** How many times `first` rows a head may grow to reach the last resource of a shared address, before the whole list is read instead. */
const MAX_HEAD_GROWTH = 8;

/** Characters read per row for a head: a row is ~330 (longer paths and names fit; longer still, the whole list is read). */
const HEAD_CHARS_PER_ROW = 2048;

/**
 * Where the `n`-th element of a JSON array of objects ends in `text` (its head), or null when
 * the head holds fewer (or is not such an array). Strings are skipped with their escapes, so a
 * brace inside an address does not count.
 */
export function endOfElements(text: string, n: number): number | null {
  if (text.charCodeAt(0) !== 0x5b) return null; // [
  let depth = 0;
  let count = 0;
  let inString = false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // \: the next character is escaped
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) return null; // the list ended first
      depth--;
      if (depth === 0 && ++count === n) return i + 1;
    }
  }
  return null;
}

const SOURCES: ReadonlySet<unknown> = new Set(['terraform', 'kubernetes', 'image']);

function isFacts(v: unknown, i: number): v is StoredResourceFacts {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const f = v as Record<string, unknown>;
  const strings = ['address', 'type', 'name', 'action', 'category', 'file', 'disambiguator'].every((k) => typeof f[k] === 'string');
  const counts = ['line', 'column'].every((k) => Number.isSafeInteger(f[k]));
  return f.index === i && strings && counts && SOURCES.has(f.source) && typeof f.drift === 'boolean'
    && (f.document === undefined || Number.isSafeInteger(f.document))
    && (f.lastIndex === undefined || (f.disambiguator !== '' && Number.isSafeInteger(f.lastIndex) && (f.lastIndex as number) >= i));
}

/** Computes a change set's facts and stores them (replacing any of another version). */
export function storeFacts(ws: Workspace, changeSet: Pick<ChangeSet, 'digest' | 'resources'>): readonly ResourceFactsDto[] {
  const facts = factsOf(changeSet.resources);
  ws.resourceFacts.put(changeSet.digest, RESOURCE_FACTS_VERSION, facts);
  return facts;
}

/** Stores facts computed from the change set (replacing any row of another version, or a forged one). */
export function putFacts(ws: Workspace, digest: string, facts: readonly ResourceFactsDto[]): void {
  ws.resourceFacts.put(digest, RESOURCE_FACTS_VERSION, facts);
}

/** The facts computed without storing them (a workspace opened read-only). */
export function computedFacts(changeSet: Pick<ChangeSet, 'resources'>): readonly ResourceFactsDto[] {
  return factsOf(changeSet.resources);
}

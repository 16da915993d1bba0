import type { ResourceFactsDto } from '../../../shared/review-types';
import type { ChangeSet } from '../../model/changeset';
import type { Workspace } from '../../store';
import { factsOf } from './resource-facts';

/**
 * The version of the stored facts' shape. Bump it when ResourceFactsDto or how it is computed
 * changes: rows of another version are computed again from the change set on first open.
 * (Version 1 had no document indexes nor disambiguators; 2 is resource-facts.ts's.)
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

const SOURCES: ReadonlySet<unknown> = new Set(['terraform', 'kubernetes', 'image']);

function isFacts(v: unknown, i: number): v is ResourceFactsDto {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const f = v as Record<string, unknown>;
  const strings = ['address', 'type', 'name', 'action', 'category', 'file', 'disambiguator'].every((k) => typeof f[k] === 'string');
  const counts = ['line', 'column'].every((k) => Number.isSafeInteger(f[k]));
  return f.index === i && strings && counts && SOURCES.has(f.source) && typeof f.drift === 'boolean'
    && (f.document === undefined || Number.isSafeInteger(f.document));
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

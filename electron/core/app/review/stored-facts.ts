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

/** The stored facts of a change set, or null when none of this version are stored (imported before, or another shape). */
export function storedFacts(ws: Workspace, digest: string): readonly ResourceFactsDto[] | null {
  return ws.resourceFacts.get(digest, RESOURCE_FACTS_VERSION) as readonly ResourceFactsDto[] | null;
}

/** Computes a change set's facts and stores them (replacing any of another version). */
export function storeFacts(ws: Workspace, changeSet: Pick<ChangeSet, 'digest' | 'resources'>): readonly ResourceFactsDto[] {
  const facts = factsOf(changeSet.resources);
  ws.resourceFacts.put(changeSet.digest, RESOURCE_FACTS_VERSION, facts);
  return facts;
}

/** The facts computed without storing them (a workspace opened read-only). */
export function computedFacts(changeSet: Pick<ChangeSet, 'resources'>): readonly ResourceFactsDto[] {
  return factsOf(changeSet.resources);
}

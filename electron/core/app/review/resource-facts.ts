/**
 * What the review list needs of each resource that does not depend on the contract: address,
 * kind, action category (drift its own), where it is written, and, when two resources share an
 * address, what tells them apart. Computed once per loaded change set (and stored at import by
 * the speed owner), so the list never rebuilds a change set to show its rows.
 *
 * Findings name a resource by address only; `findingResourceIndex` decides which of several
 * resources with that address a finding belongs to, from where the finding points.
 */
import type { ResourceFactsDto } from '../../../shared/api-types';
import type { ChangeSet } from '../../model/changeset';
import type { ResourceChange, SourceLocation } from '../../model/resource-change';
import { DRIFT_CATEGORY, resourceCategory } from '../../model/resource-change';
import { atOrBefore } from '../../base/source-order';

export { DRIFT_CATEGORY };

/** What the non-drift entry of an address that also has a drift entry is labelled. */
const PLANNED = 'planned';

const cache = new WeakMap<ChangeSet, readonly ResourceFactsDto[]>();

/** The facts of every resource, in the change set's order (cached per loaded change set). */
export function resourceFacts(changeSet: ChangeSet): readonly ResourceFactsDto[] {
  const hit = cache.get(changeSet);
  if (hit) return hit;
  const facts = factsOf(changeSet.resources);
  cache.set(changeSet, facts);
  return facts;
}

/**
 * The facts as the review keeps and stores them: a resource whose address others share also
 * says where the last of them is (`lastIndex`), so the first rows of a reopened change set can
 * be read from the head of the stored list with every resource their findings may point at
 * (stored-facts.ts storedFactsHead). Rows sent to the renderer do not carry it (resources.ts rowOf).
 */
export type StoredResourceFacts = ResourceFactsDto & { readonly lastIndex?: number };

export function factsOf(resources: readonly ResourceChange[]): readonly StoredResourceFacts[] {
  const byAddress = new Map<string, number[]>();
  resources.forEach((r, i) => {
    const same = byAddress.get(r.address);
    if (same) same.push(i);
    else byAddress.set(r.address, [i]);
  });
  const disambiguators = new Map<number, string>();
  const lastIndexes = new Map<number, number>();
  for (const indexes of byAddress.values()) {
    if (indexes.length < 2) continue;
    const labels = distinctLabels(indexes.map((i) => resources[i]!));
    const last = indexes.at(-1)!;
    indexes.forEach((i, k) => {
      disambiguators.set(i, labels[k]!);
      lastIndexes.set(i, last);
    });
  }
  return Object.freeze(resources.map((r, index) => Object.freeze(factOf(r, index, disambiguators.get(index) ?? '', lastIndexes.get(index)))));
}

/** Written out per shape, not with a conditional spread in the middle (V8's slow copy path, 15k times at import); only a shared row (few) adds lastIndex by a spread. */
function factOf(r: ResourceChange, index: number, disambiguator: string, lastIndex: number | undefined): StoredResourceFacts {
  const category = resourceCategory(r);
  const { file, line, column } = r.location;
  const fact: ResourceFactsDto = r.document === undefined
    ? { index, address: r.address, source: r.source, type: r.type, name: r.name, action: r.action, category, drift: r.drift, file, line, column, disambiguator }
    : { index, address: r.address, source: r.source, type: r.type, name: r.name, action: r.action, category, drift: r.drift, file, line, column, document: r.document, disambiguator };
  return lastIndex === undefined ? fact : { ...fact, lastIndex };
}

/**
 * Labels for resources sharing one address, each different from the others: what differs
 * among them (drift, file, document), with the line and finally an ordinal added only while
 * two are still alike, so a label never claims a difference that is not there.
 */
function distinctLabels(group: readonly ResourceChange[]): string[] {
  const showFile = new Set(group.map((r) => r.location.file)).size > 1;
  // Documents matter only between resources of one file.
  const documentsByFile = new Map<string, Set<number | undefined>>();
  for (const r of group) documentsByFile.set(r.location.file, (documentsByFile.get(r.location.file) ?? new Set()).add(r.document));
  const showDocument = [...documentsByFile.values()].some((documents) => documents.size > 1);
  const showDrift = group.some((r) => r.drift);
  const base = group.map((r) => [
    // Beside a drift entry, the entry of the plan itself says so too: no label is ever empty.
    ...(showDrift ? [r.drift ? DRIFT_CATEGORY : PLANNED] : []),
    ...(showFile ? [r.location.file] : []),
    ...(showDocument && r.document !== undefined ? [`document ${r.document}`] : []),
  ]);
  const withLine = base.map((parts, k) => (isUnique(base, k) ? parts : [...parts, `line ${group[k]!.location.line}`]));
  return withLine.map((parts, k) => (isUnique(withLine, k) ? parts : [...parts, `#${k + 1}`]).join(' · '));
}

/** A label that says something and no other label of the group says. */
function isUnique(labels: readonly (readonly string[])[], k: number): boolean {
  if (labels[k]!.length === 0) return false;
  const key = labels[k]!.join('\u0000');
  return labels.filter((l) => l.join('\u0000') === key).length === 1;
}

/** What a finding tells about where it is: the resource address and the place it points at. */
export interface FindingPlace {
  readonly address: string;
  readonly location: Pick<SourceLocation, 'file' | 'line' | 'column'>;
}

/**
 * Which resource a finding belongs to, by index (-1: no resource has its address). With one
 * resource of that address, that one. With several: among those written in the finding's file,
 * the last that starts at or before the finding's line and column (a finding points inside its
 * resource; a plan on one line is told apart by the column); else the first of that address.
 */
export function findingResourceIndex(facts: readonly ResourceFactsDto[], finding: FindingPlace): number {
  return findingIndexer(facts)(finding);
}

/** findingResourceIndex for many findings: the address lookup is built once. */
export function findingIndexer(facts: readonly ResourceFactsDto[]): (finding: FindingPlace) => number {
  const byAddress = new Map<string, ResourceFactsDto[]>();
  for (const f of facts) {
    const same = byAddress.get(f.address);
    if (same) same.push(f);
    else byAddress.set(f.address, [f]);
  }
  return ({ address, location }) => {
    const same = byAddress.get(address);
    if (!same) return -1;
    if (same.length === 1) return same[0]!.index;
    let best: ResourceFactsDto | undefined;
    for (const r of same) {
      if (r.file !== location.file || !atOrBefore(r, location)) continue;
      if (!best || atOrBefore(best, r)) best = r;
    }
    return (best ?? same[0]!).index;
  };
}

// fallback until N (navigation) lands: N's core/app/review/resource-facts.ts computes the
// ResourceFactsDto of each resource (with the Kubernetes document index for duplicate
// addresses). The lead swaps the import in stored-facts.ts to N's `resourceFacts` and deletes
// this file. Same signature: resourceFacts(changeSet): ResourceFactsDto[].
import type { ResourceFactsDto } from '../../../shared/review-types';
import type { ChangeSet } from '../../model/changeset';

export function resourceFacts(changeSet: Pick<ChangeSet, 'resources'>): ResourceFactsDto[] {
  const seen = new Map<string, number>();
  for (const r of changeSet.resources) seen.set(r.address, (seen.get(r.address) ?? 0) + 1);
  return changeSet.resources.map((r, index) => ({
    index,
    address: r.address,
    source: r.source,
    type: r.type,
    name: r.name,
    action: r.action,
    category: r.drift ? 'drift' : r.action,
    drift: r.drift,
    file: r.location.file,
    line: r.location.line,
    disambiguator: (seen.get(r.address) ?? 0) < 2 ? '' : r.drift ? 'drift' : `${r.location.file}:${r.location.line}`,
  }));
}

import { stringify as toYaml } from 'yaml';
import type { Enforcement, ResourceDetail, ResourceRow } from '../../../shared/api-types';
import type { ResourceChange } from '../../model/resource-change';
import { findingWeight } from '../../base/verdict';
import type { AttributeDiffDto } from '../../../shared/review-types';
import { attributeDiff } from './attribute-diff';
import { findingDtos } from './findings';
import { imageChanges } from './image-changes';
import { NotFoundError } from './review-session';
import type { ReviewSession } from './review-session';

const ENFORCEMENT_RANK: Readonly<Record<Enforcement, number>> = { advisory: 1, approval: 2, deny: 3, mandatory: 4 };

/** One row per resource, in the change set's order, with its finding count and worst enforcement (as the verdict weighs it). */
export function resourceRows(session: ReviewSession, digest: string): ResourceRow[] {
  const loaded = session.load(digest);
  const judged = session.judge(digest);
  const byAddress = new Map<string, { count: number; worst: Enforcement }>();
  for (const f of judged.findings) {
    const weight = findingWeight(f);
    const seen = byAddress.get(f.resource.address);
    if (!seen) byAddress.set(f.resource.address, { count: 1, worst: weight });
    else {
      seen.count++;
      if (ENFORCEMENT_RANK[weight] > ENFORCEMENT_RANK[seen.worst]) seen.worst = weight;
    }
  }
  return loaded.changeSet.resources.map((r, index) => {
    // Findings name a resource by address; only the first resource with an address carries them.
    const f = loaded.indexByAddress.get(r.address) === index ? byAddress.get(r.address) : undefined;
    return { index, address: r.address, source: r.source, type: r.type, action: r.action, drift: r.drift, findingCount: f?.count ?? 0, worst: f?.worst ?? null };
  });
}

/**
 * One resource for the diff view. before/after come from the loaded model, where sensitive
 * values are already replaced by the mask: the raw files never cross the boundary here.
 */
export function resourceDetail(session: ReviewSession, digest: string, index: number): ResourceDetail & { readonly language: 'json' | 'yaml' } {
  const loaded = session.load(digest);
  const r = loaded.changeSet.resources[index];
  if (!r) throw new NotFoundError(digest, `has no resource ${index} (it has ${loaded.changeSet.resources.length})`);
  const judged = session.judge(digest);
  const own = loaded.indexByAddress.get(r.address) === index ? judged.findings.filter((f) => f.resource.address === r.address) : [];
  const language = r.source === 'kubernetes' ? 'yaml' : 'json';
  return {
    index,
    address: r.address,
    source: r.source,
    type: r.type,
    action: r.action,
    drift: r.drift,
    location: { file: r.location.file, line: r.location.line, column: r.location.column, ...(r.location.origin ? { origin: r.location.origin } : {}) },
    beforeText: valueText(r, r.before, language),
    afterText: valueText(r, r.after, language),
    unknownPaths: r.unknownPaths,
    sensitivePaths: r.sensitivePaths,
    findings: findingDtos(loaded, judged, own),
    language,
    diff: diffOf(r),
    images: imageChanges(r),
  };
}

/** The attribute diff, or null if it cannot be built: the panel then falls back to the side-by-side texts. */
function diffOf(r: ResourceChange): AttributeDiffDto | null {
  try {
    return attributeDiff({ before: r.before, after: r.after, sensitivePaths: r.sensitivePaths, unknownPaths: r.unknownPaths, matchListsByName: r.source === 'kubernetes' });
  } catch {
    return null;
  }
}

/** Pretty text of a (masked) value: YAML for Kubernetes objects, JSON otherwise; '' for none (create/delete). */
export function valueText(r: Pick<ResourceChange, 'source'>, value: unknown, language: 'json' | 'yaml' = r.source === 'kubernetes' ? 'yaml' : 'json'): string {
  if (value === null || value === undefined) return '';
  return language === 'yaml' ? toYaml(value, { lineWidth: 0, aliasDuplicateObjects: false }) : `${JSON.stringify(value, null, 2)}\n`;
}

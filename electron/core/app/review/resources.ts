import { stringify as toYaml } from 'yaml';
import type { Enforcement, ResourceDetail, ResourceRow } from '../../../shared/api-types';
import type { ResourceChange } from '../../model/resource-change';
import { findingWeight } from '../../base/verdict';
import { findingDtos } from './findings';
import { NotFoundError } from './review-session';
import type { ReviewSession } from './review-session';

const ENFORCEMENT_RANK: Readonly<Record<Enforcement, number>> = { advisory: 1, approval: 2, deny: 3, mandatory: 4 };

/**
 * One row per resource, in the change set's order, with its finding count and worst enforcement
 * (as the verdict weighs it). The rows come from the facts stored at import and the findings
 * from the stored evaluation: a reopened change set is not rebuilt from its files to list them.
 */
export function resourceRows(session: ReviewSession, digest: string): ResourceRow[] {
  const { facts, indexByAddress } = session.resourceFacts(digest);
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
  const rows: ResourceRow[] = new Array<ResourceRow>(facts.length);
  for (let i = 0; i < facts.length; i++) {
    const r = facts[i]!;
    // Findings name a resource by address; only the first resource with an address carries them.
    const f = indexByAddress.get(r.address) === r.index ? byAddress.get(r.address) : undefined;
    rows[i] = Object.assign({ findingCount: f?.count ?? 0, worst: f?.worst ?? null }, r);
  }
  return rows;
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
    findings: findingDtos(session.resourceFacts(digest), judged, own),
    language,
  };
}

/** Pretty text of a (masked) value: YAML for Kubernetes objects, JSON otherwise; '' for none (create/delete). */
export function valueText(r: Pick<ResourceChange, 'source'>, value: unknown, language: 'json' | 'yaml' = r.source === 'kubernetes' ? 'yaml' : 'json'): string {
  if (value === null || value === undefined) return '';
  return language === 'yaml' ? toYaml(value, { lineWidth: 0, aliasDuplicateObjects: false }) : `${JSON.stringify(value, null, 2)}\n`;
}

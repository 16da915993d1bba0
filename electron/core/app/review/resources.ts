import { stringify as toYaml } from 'yaml';
import type { Enforcement, ResourceDetail, ResourceFactsDto, ResourceRow, Severity } from '../../../shared/api-types';
import type { ResourceChange } from '../../model/resource-change';
import { findingWeight } from '../../base/verdict';
import type { AttributeDiffDto } from '../../../shared/review-types';
import { attributeDiff } from './attribute-diff';
import { findingDtos, resourcePlacer } from './findings';
import { imageChanges } from './image-changes';
import type { JudgedChangeSet, ReviewSession } from './review-session';

const ENFORCEMENT_RANK: Readonly<Record<Enforcement, number>> = { advisory: 1, approval: 2, deny: 3, mandatory: 4 };
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };

interface Counts { count: number; waived: number; worst: Enforcement; open: Severity | null; any: Severity }

/**
 * One row per resource, in the change set's order: its facts (resource-facts.ts; contract-
 * independent, stored at import so a reopened change set is not rebuilt to list them) joined
 * with its finding counts under the contract that judges it now. A finding counts on the
 * resource it points inside, also when several resources share its address.
 */
export function resourceRows(session: ReviewSession, digest: string, first?: number): ResourceRow[] {
  const facts = first === undefined ? session.resourceFacts(digest).facts : session.resourceFactsHead(digest, first);
  return rowsOf(facts, session.judge(digest), first);
}

/**
 * The join itself, for any source of facts (computed from the loaded change set, or stored at
 * import); with `first`, only the first rows (counted over every finding, as in the whole list).
 */
export function rowsOf(facts: readonly ResourceFactsDto[], judged: Pick<JudgedChangeSet, 'findings' | 'waived'>, first = facts.length): ResourceRow[] {
  const place = resourcePlacer(facts);
  const byIndex = new Map<number, Counts>();
  // A page counts only the findings that can land on it: a finding lands on a row of its address.
  const shown = first < facts.length ? new Set(facts.slice(0, first).map((r) => r.address)) : null;
  for (const f of judged.findings) {
    if (shown !== null && !shown.has(f.resource.address)) continue;
    const { resourceIndex } = place(f);
    const weight = findingWeight(f);
    const waived = judged.waived.has(f.id);
    const seen = byIndex.get(resourceIndex) ?? { count: 0, waived: 0, worst: weight, open: null, any: f.severity };
    seen.count++;
    if (waived) seen.waived++;
    if (ENFORCEMENT_RANK[weight] > ENFORCEMENT_RANK[seen.worst]) seen.worst = weight;
    if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[seen.any]) seen.any = f.severity;
    if (!waived && (seen.open === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[seen.open])) seen.open = f.severity;
    byIndex.set(resourceIndex, seen);
  }
  return (first < facts.length ? facts.slice(0, first) : facts).map((r) => rowOf(r, byIndex.get(r.index)));
}

/**
 * A row written field by field: `{ ...facts, counts }` over 15k rows costs tens of ms in V8
 * (the spread with more fields after it takes the slow copy path), this a few.
 */
function rowOf(r: ResourceFactsDto, c: Counts | undefined): ResourceRow {
  const findingCount = c?.count ?? 0;
  const worst = c?.worst ?? null;
  const worstSeverity = c ? c.open ?? c.any : null;
  const waivedCount = c?.waived ?? 0;
  return r.document === undefined
    ? {
      index: r.index, address: r.address, source: r.source, type: r.type, name: r.name, action: r.action, category: r.category, drift: r.drift,
      file: r.file, line: r.line, column: r.column, disambiguator: r.disambiguator, findingCount, worst, worstSeverity, waivedCount,
    }
    : {
      index: r.index, address: r.address, source: r.source, type: r.type, name: r.name, action: r.action, category: r.category, drift: r.drift,
      file: r.file, line: r.line, column: r.column, document: r.document, disambiguator: r.disambiguator, findingCount, worst, worstSeverity, waivedCount,
    };
}

/**
 * One resource for the diff view. before/after come from the loaded model, where sensitive
 * values are already replaced by the mask: the raw files never cross the boundary here.
 */
export function resourceDetail(session: ReviewSession, digest: string, index: number): ResourceDetail & { readonly language: 'json' | 'yaml' } {
  const scope = session.resourceAt(digest, index);
  const r = scope.resource;
  const judged = session.judge(digest);
  const facts = session.resourceFacts(digest);
  const place = resourcePlacer(facts.facts);
  const own = judged.findings.filter((f) => f.resource.address === r.address && place(f).resourceIndex === index);
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
    findings: findingDtos(facts, judged, own, { explain: scope }),
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

import type { FindingDto, ResourceFactsDto } from '../../../shared/api-types';
import { BUILT_IN_CHECKS } from '../../model/input-integrity';
import type { StoredFinding } from '../../store';
import { findingIndexer, resourceFacts } from './resource-facts';
import { findingExplanations } from './finding-explanations';
import type { JudgedChangeSet, LoadedChangeSet } from './review-session';

export interface FindingDtoOptions {
  /**
   * Add each finding's `explanation` (engine/explain: the deciding clause and the values it
   * saw). Evaluates CEL per finding, so only the resource detail asks for it; listFindings
   * over a whole change set does not pay for it.
   */
  readonly explain?: boolean;
}

/** Findings as the review screen shows them: resolved to a resource row, with the policy's explanation and the waived flag. */
export function findingDtos(loaded: LoadedChangeSet, judged: JudgedChangeSet, findings: readonly StoredFinding[] = judged.findings, options: FindingDtoOptions = {}): FindingDto[] {
  const descriptions = new Map(judged.active.contract.policies.map((p) => [p.id, p.description]));
  const place = resourcePlacer(resourceFacts(loaded.changeSet));
  const explanations = options.explain ? findingExplanations(loaded, judged, findings) : [];
  return findings.map((f, i) => ({
    id: f.id,
    policy: f.policy,
    title: f.title,
    ...place(f),
    address: f.resource.address,
    status: f.status,
    enforcement: f.enforcement,
    severity: f.severity,
    message: f.message,
    remediation: f.remediation,
    // Built-in checks (input integrity) are not contract policies but explain themselves too.
    description: descriptions.get(f.policy) ?? BUILT_IN_CHECKS.get(f.policy)?.description ?? '',
    location: { file: f.location.file, line: f.location.line, column: f.location.column, ...(f.location.origin ? { origin: f.location.origin } : {}) },
    waived: judged.waived.has(f.id),
    shadow: f.shadow === true,
    ...(explanations[i] ? { explanation: explanations[i] } : {}),
  }));
}

/**
 * The resource row of each finding: several resources may share an address, so the one the
 * finding points inside (resource-facts.ts), with what tells it apart from the others.
 */
export function resourcePlacer(facts: readonly ResourceFactsDto[]): (f: Pick<StoredFinding, 'resource' | 'location'>) => Pick<FindingDto, 'resourceIndex' | 'disambiguator'> {
  const indexOf = findingIndexer(facts);
  return (f) => {
    const resourceIndex = indexOf({ address: f.resource.address, location: f.location });
    const disambiguator = facts[resourceIndex]?.disambiguator ?? '';
    return disambiguator === '' ? { resourceIndex } : { resourceIndex, disambiguator };
  };
}

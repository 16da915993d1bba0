import type { FindingDto } from '../../../shared/api-types';
import { BUILT_IN_CHECKS } from '../../model/input-integrity';
import type { StoredFinding } from '../../store';
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
  const explanations = options.explain ? findingExplanations(loaded, judged, findings) : [];
  return findings.map((f, i) => ({
    id: f.id,
    policy: f.policy,
    title: f.title,
    resourceIndex: loaded.indexByAddress.get(f.resource.address) ?? -1,
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

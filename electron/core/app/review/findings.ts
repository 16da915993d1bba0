import type { FindingDto } from '../../../shared/api-types';
import type { StoredFinding } from '../../store';
import { policyDescription } from './policy-texts';
import type { ChangeSetFacts, JudgedChangeSet } from './review-session';

export interface FindingDtoOptions {
  /**
   * Carry each policy's description and remediation on every finding (default true: a
   * resource's few finding cards). The findings list sends false: those texts come once per
   * policy from listPolicyTexts, not 7,000 times.
   */
  readonly texts?: boolean;
}

/** Findings as the review screen shows them: resolved to a resource row, with the policy's explanation and the waived flag. */
export function findingDtos(
  facts: Pick<ChangeSetFacts, 'indexByAddress'>,
  judged: JudgedChangeSet,
  findings: readonly StoredFinding[] = judged.findings,
  options: FindingDtoOptions = {},
): FindingDto[] {
  const withTexts = options.texts !== false;
  const descriptions = withTexts ? new Map(judged.active.contract.policies.map((p) => [p.id, p.description])) : new Map<string, string>();
  return findings.map((f) => ({
    id: f.id,
    policy: f.policy,
    title: f.title,
    resourceIndex: facts.indexByAddress.get(f.resource.address) ?? -1,
    address: f.resource.address,
    status: f.status,
    enforcement: f.enforcement,
    severity: f.severity,
    message: f.message,
    // Built-in checks (input integrity) are not contract policies but explain themselves too.
    ...(withTexts ? { remediation: f.remediation, description: policyDescription(descriptions, f.policy) } : {}),
    location: { file: f.location.file, line: f.location.line, column: f.location.column, ...(f.location.origin ? { origin: f.location.origin } : {}) },
    waived: judged.waived.has(f.id),
    shadow: f.shadow === true,
  }));
}

import type { PolicyTextsDto } from '../../../shared/review-types';
import { BUILT_IN_CHECKS } from '../../model/input-integrity';
import type { JudgedChangeSet } from './review-session';

/**
 * Each policy's title, description and remediation, once per change set (for the policies with
 * a finding in it), so the findings list need not repeat them on every finding. Titles and
 * remediations are the ones the evaluation recorded; descriptions come from the contract that
 * judges it (built-in checks, not contract policies, describe themselves).
 */
export function policyTexts(judged: Pick<JudgedChangeSet, 'active' | 'findings'>): PolicyTextsDto {
  const descriptions = new Map(judged.active.contract.policies.map((p) => [p.id, p.description]));
  const texts = new Map<string, { title: string; description: string; remediation: string }>();
  for (const f of judged.findings) {
    if (texts.has(f.policy)) continue;
    texts.set(f.policy, { title: f.title, description: policyDescription(descriptions, f.policy), remediation: f.remediation });
  }
  return Object.fromEntries(texts);
}

/** The contract's description of a policy, else the built-in check's, else ''. */
export function policyDescription(descriptions: ReadonlyMap<string, string>, policy: string): string {
  return descriptions.get(policy) ?? BUILT_IN_CHECKS.get(policy)?.description ?? '';
}

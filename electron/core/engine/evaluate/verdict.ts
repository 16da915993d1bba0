import type { Evaluation, Finding, Verdict } from '../../model/finding';
import { sha256Digest } from '../canonical-json';

/**
 * blocked if any deny/mandatory finding (fail or error), else needs-approval if any approval
 * finding, else pass. Advisory findings never change the verdict.
 */
export function verdictOf(findings: readonly Finding[]): Verdict {
  let approval = false;
  for (const f of findings) {
    if (f.enforcement === 'deny' || f.enforcement === 'mandatory') return 'blocked';
    if (f.enforcement === 'approval') approval = true;
  }
  return approval ? 'needs-approval' : 'pass';
}

/** `sha256:<hex>` over the canonical JSON of verdict + findings: what an approval signs. */
export function evaluationDigest(e: Evaluation): string {
  return sha256Digest({ verdict: e.verdict, findings: e.findings });
}

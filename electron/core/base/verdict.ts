import type { Finding, Verdict } from '../model/finding';

/**
 * blocked if any deny/mandatory finding that failed or errored, else needs-approval if any
 * approval finding or any non-advisory `unknown` finding, else pass. Advisory findings never
 * change the verdict. An unknown (the answer depends on values known only after apply) needs a
 * reviewer's approval but never blocks by itself: it weighs as much as a failure of an
 * `approval` policy and never more than a failure of its own policy would.
 */
export function verdictOf(findings: readonly Finding[]): Verdict {
  let approval = false;
  for (const f of findings) {
    if (f.enforcement === 'advisory') continue;
    if (f.status === 'unknown') {
      approval = true;
      continue;
    }
    if (f.enforcement === 'deny' || f.enforcement === 'mandatory') return 'blocked';
    approval = true; // `approval`, or an enforcement this build does not know: never a pass
  }
  return approval ? 'needs-approval' : 'pass';
}

import { findingDtos } from './review';
import type { ReviewSession } from './review';
import { selectFindingsForWaiver } from './waiver-selection';
import type { WaiverSelection, WaiverSelector } from './waiver-selection';

/**
 * The exact list one exception will waive for a stored change set: its findings as the review
 * shows them (waived or not under the exceptions held now), selected under the judging contract
 * (a built-in check is never waivable). The app's preview and the CLI's batch options use it.
 */
export function previewWaivers(session: ReviewSession, digest: string, selector: WaiverSelector): WaiverSelection {
  const resolved = session.ws.changeSets.resolveDigest(digest);
  const judged = session.judge(resolved);
  const findings = findingDtos(session.load(resolved), judged);
  return selectFindingsForWaiver(findings, selector, { contractPolicies: new Set(judged.active.contract.policies.map((p) => p.id)) });
}

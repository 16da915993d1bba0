import type { ChangeSetDetailDto, FindingCountsDto } from '../../../shared/api-types';
import type { StoredEvaluation } from '../../store';
import type { ReviewSession } from './review-session';
import { vendorSignatureOf } from '../vendor-signature-status';
import { changeSetDisplay, labelStore } from '../change-set-labels';
import type { VendorSignatureStatus } from '../../verify/vendor-signature';

/** The DTO fields of a vendor signature status: the state, who signed, and why each other file did not count. */
export function vendorSignatureFields(s: VendorSignatureStatus): Pick<ChangeSetDetailDto, 'vendorSignature' | 'vendorSigners' | 'vendorSignatureReasons'> {
  return { vendorSignature: s.state, vendorSigners: s.signers.map((x) => ({ keyId: x.keyId, name: x.name })), vendorSignatureReasons: s.reasons.map((r) => r.message) };
}

/** The review header: metadata, verdict under the contract that judges it (named), and the summary counts. */
export function changeSetDetail(session: ReviewSession, digest: string): ChangeSetDetailDto {
  const stored = session.stored(digest);
  const judged = session.judge(digest);
  const m = stored.metadata;
  const e = judged.evaluation;
  return {
    digest,
    display: changeSetDisplay(m, labelStore(session.ws).get(digest), stored.artifacts.map((a) => a.path)),
    vendor: m.vendor,
    app: m.app,
    install: m.install,
    release: m.release,
    previousRelease: m.previousRelease,
    createdAt: m.createdAt,
    plannedApplyAt: m.plannedApplyAt,
    receivedAt: stored.receivedAt,
    description: m.description,
    origin: shownOrigin(stored.origin),
    state: stored.state,
    ...vendorSignatureFields(vendorSignatureOf(session.ws, digest, m, judged.active.contract)),
    vendorSignatureRequired: judged.active.contract.vendorSignature === 'required',
    verdict: e.verdict,
    evaluatedAt: e.evaluatedAt,
    contractName: judged.active.contract.name,
    contractRevision: judged.active.revision.revision,
    contractDigest: e.contractDigest,
    evaluationDigest: e.digest,
    byAction: e.summary.byAction,
    counts: severityCounts(e),
    artifacts: stored.artifacts.map((a) => ({ kind: a.kind, path: a.path, component: a.component, resourceCount: a.resourceCount, bytes: a.bytes })),
  };
}

type CountSource = Pick<StoredEvaluation, 'bySeverity' | 'byEnforcement' | 'errorCount' | 'findingCount'>;

/** Non-zero counts only, so a badge row can map over them directly. */
export function severityCounts(e: CountSource): FindingCountsDto {
  return {
    bySeverity: nonZero(e.bySeverity),
    byEnforcement: nonZero(e.byEnforcement),
    errors: e.errorCount,
    total: e.findingCount,
  };
}

function nonZero<K extends string>(counts: Readonly<Record<K, number>>): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const [k, n] of Object.entries(counts) as [K, number][]) if (n > 0) out[k] = n;
  return out;
}

/** Files dropped on the app are imported from a private temporary folder: show the user's own path. */
function shownOrigin(origin: string): string {
  const m = /[\\/]countersign-import-[^\\/]+[\\/]files[\\/]?(.*)$/.exec(origin);
  return m ? m[1] || '(dropped files)' : origin;
}

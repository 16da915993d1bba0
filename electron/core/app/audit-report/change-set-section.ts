import type { Workspace } from '../../store';
import { CONTRACT_SUBJECT } from '../../signing';
import { hasSubject } from '../../signing/statement';
import { resolveTrustedKeys } from '../../verify';
import { checkAttestations } from '../../verify/check-attestations';
import { whyText } from '../../reports/explanation-text';
import { storedFindingExplanations } from '../review/finding-explanations';
import type { ActiveContract } from '../current-contract';
import { keyName } from '../decision-state';
import { storedPublication } from '../publish-contract';
import { exceptionList, quorumOf } from '../review';
import type { JudgedChangeSet , ReviewSession } from '../review';
import { vendorSignatureOf } from '../vendor-signature-status';
import { workspaceTrust } from '../workspace-judgement';
import type { AuditChangeSet, AuditDecisionSignature, AuditFinding, AuditPublication } from '../../reports/audit-report-model';

/**
 * One change set as the audit report shows it: everything comes from the review's own judgement
 * (ReviewSession.judge: the stored evaluation under the contract that judges it, verified over
 * every signature held by the verify code), never from a second reading of the signatures.
 */
export function changeSetSection(session: ReviewSession, digest: string, now: Date): AuditChangeSet {
  const ws = session.ws;
  const stored = session.stored(digest);
  const judged = session.judge(digest, now);
  const m = stored.metadata;
  const e = judged.evaluation;
  const contract = judged.active.contract;
  const vendorSignature = vendorSignatureOf(ws, digest, m, contract, now);
  const quorum = quorumOf(ws, { changeSetDigest: digest, verification: judged.verification, contract });
  // The outbox folder only names where an exception's file was exported; the report does not show it.
  const exceptions = exceptionList(session, digest, '', now);
  return {
    digest,
    vendor: m.vendor,
    app: m.app,
    install: m.install,
    release: m.release,
    previousRelease: m.previousRelease,
    createdAt: m.createdAt,
    receivedAt: stored.receivedAt,
    state: stored.state,
    vendorSignature: { state: vendorSignature.state, signers: vendorSignature.signers.map((s) => ({ keyId: s.keyId, name: s.name })), reasons: vendorSignature.reasons.map((r) => r.message) },
    contract: {
      name: contract.name,
      revision: judged.active.revision.revision,
      digest: contract.digest,
      publication: publicationOf(ws, judged.active, now),
    },
    verdict: e.verdict,
    evaluatedAt: e.at,
    evaluationDigest: e.digest,
    counts: { total: e.findingCount, bySeverity: { ...e.bySeverity }, byEnforcement: { ...e.byEnforcement } },
    findings: findingsOf(session, digest, judged),
    exceptions: exceptions.map((x) => ({
      id: x.id, policy: x.policy, resource: x.resource, justification: x.justification, requester: x.requester, expires: x.expires,
      state: x.state ?? (x.valid ? 'in-force' : 'not-in-force'), stateDetail: x.stateDetail ?? '',
      signers: x.signatures.map((s) => ({ keyId: s.keyId, name: s.name })), persons: x.persons ?? x.signatures.length, required: x.required,
      covers: x.covers.map((c) => ({ policy: c.policy, address: c.address })),
    })),
    approvals: {
      required: quorum.approvalsRequired,
      counted: quorum.approvals,
      rejections: quorum.rejections,
      state: quorum.state,
      final: quorum.final,
      signatures: quorum.people.flatMap((p) => p.signatures).map((s): AuditDecisionSignature => ({
        keyId: s.keyId, name: s.name, decision: s.decision, at: s.at, comment: s.comment, check: s.check, detail: s.detail,
        verified: s.check === 'counted' || s.check === 'conflicting',
      })).sort((a, b) => a.at.localeCompare(b.at)),
    },
    verification: { ok: judged.verification.ok, reasons: judged.verification.reasons.map((r) => ({ code: r.code, message: r.message })) },
  };
}

function findingsOf(session: ReviewSession, digest: string, judged: JudgedChangeSet): AuditFinding[] {
  const why = explanations(session, digest, judged);
  return judged.findings.map((f, i): AuditFinding => ({
    policy: f.policy,
    title: f.title,
    severity: f.severity,
    enforcement: f.enforcement,
    status: f.status,
    message: f.message,
    remediation: f.remediation,
    resource: { address: f.resource.address, type: f.resource.type },
    location: { file: f.location.file, line: f.location.line, column: f.location.column, origin: f.location.origin ?? null },
    explanation: why[i] ?? null,
    waived: judged.waived.has(f.id),
    shadow: f.shadow === true,
    alsoPolicies: [...(f.alsoPolicies ?? [])],
  }));
}

/**
 * Why each finding fired, from the engine's explain stage over the loaded (masked) change set, as
 * the review screen explains them (review/finding-explanations.ts). A contract that no longer
 * compiles explains nothing rather than failing the report.
 */
function explanations(session: ReviewSession, digest: string, judged: JudgedChangeSet): (string | null)[] {
  return storedFindingExplanations(session.changeSet(digest), judged, judged.findings).map((e) => (e ? whyText(e) || null : null));
}

/**
 * The judging revision's publication, its signature checked by the verify code against the keys
 * this workspace holds or trusts (a stored envelope that does not verify is `unverified`).
 */
export function publicationOf(ws: Workspace, active: ActiveContract, now: Date): AuditPublication {
  const revision = active.revision;
  const recorded = storedPublication(revision);
  if (recorded === null || revision.publishedEnvelope === null) return { status: 'not-published', time: null, notAfter: null, signers: [] };
  let envelope: unknown;
  try {
    envelope = JSON.parse(revision.publishedEnvelope);
  } catch {
    return { status: 'unverified', time: recorded.time, notAfter: recorded.notAfter, signers: [] };
  }
  const { verified } = checkAttestations([{ source: 'publication', envelope }], resolveTrustedKeys(workspaceTrust(ws)), now);
  const ok = verified.find((a) => (a.type === 'contract-revision' || a.type === 'publication') && a.signers.length > 0 && hasSubject(a.statement, CONTRACT_SUBJECT, active.contract.digest));
  if (!ok) return { status: Date.parse(recorded.notAfter) <= now.getTime() ? 'expired' : 'unverified', time: recorded.time, notAfter: recorded.notAfter, signers: [] };
  return {
    status: Date.parse(recorded.notAfter) <= now.getTime() ? 'expired' : 'verified',
    time: recorded.time,
    notAfter: recorded.notAfter,
    signers: ok.signers.map((keyId) => ({ keyId, name: keyName(ws, keyId) })),
  };
}

import { join } from 'node:path';
import type { DecisionPersonDto, DecisionSignatureDto, ExceptionDto, ExceptionStateDto, QuorumStatus, WaiverDto } from '../../../shared/api-types';
import type { RosterEntry } from '../../base/roster';
import { attestationFileName } from '../../signing';
import type { Workspace } from '../../store';
import type { ReleaseVerification } from '../../verify';
import { personOf } from '../../verify';
import { decisionOutcome, keyName, revisionNumberOf, revisionText, withdrawnDecisions } from '../decision-state';
import { outboxFolderFor } from '../outbox-layout';
import { readDecision, subjectDigest } from './stored-decision';
import type { ReviewSession } from './review-session';

/** What a quorum state is read from: a judgement, and the contract and change set it was made for. */
export interface JudgedDecisions {
  readonly changeSetDigest: string;
  readonly verification: ReleaseVerification;
  readonly contract: { readonly name: string; readonly digest: string; readonly roster?: readonly RosterEntry[] | undefined; readonly approvals: { readonly maxExceptionDays: number } };
}

/** Approvals so far (distinct persons whose decision stands) against the contract's quorum, and every decision held with its check. */
export function quorumStatus(session: ReviewSession, digest: string, now = new Date()): QuorumStatus {
  const judged = session.judge(digest, now);
  return quorumOf(session.ws, { changeSetDigest: digest, verification: judged.verification, contract: judged.active.contract });
}

/** The quorum state a judgement shows (e.g. the one a decision returns: no need to judge again). */
export function quorumOf(ws: Workspace, judged: JudgedDecisions): QuorumStatus {
  const { verification: v, contract } = judged;
  const outcome = decisionOutcome(ws, v, contract);
  const people = decisionPeople(ws, judged, outcome);
  const approver = (d: (typeof outcome.approvals)[number]) => ({ keyId: d.keyId, name: keyName(ws, d.keyId, d.reviewer), at: d.time, decision: d.decision });
  return {
    approvals: outcome.approvals.length,
    approvalsRequired: v.quorum,
    rejections: outcome.rejections.length,
    approvers: [...outcome.approvals, ...outcome.rejections].map(approver).sort((a, b) => a.at.localeCompare(b.at)),
    exceptionQuorum: v.exceptionQuorum,
    maxExceptionDays: contract.approvals.maxExceptionDays,
    state: outcome.state,
    final: outcome.final,
    finalReason: outcome.reason,
    revision: { contract: contract.name, number: outcome.revision, digest: contract.digest },
    people,
    stale: people.flatMap((p) => p.signatures).filter((s) => s.check === 'stale').length,
  };
}

/** Every stored decision on the change set, grouped per person, each with how it counts now. */
function decisionPeople(ws: Workspace, judged: JudgedDecisions, outcome: ReturnType<typeof decisionOutcome>): DecisionPersonDto[] {
  const { verification: v, contract, changeSetDigest } = judged;
  const standing = new Map([...outcome.approvals, ...outcome.rejections].map((d) => [d.digest, d]));
  const conflicting = new Set(outcome.conflicts.map((d) => d.digest));
  const current = revisionNumberOf(ws, contract.digest);
  const stored = ws.attestations.listApprovals(changeSetDigest).flatMap((a) => {
    const read = readDecision(a.envelope);
    return read ? [{ row: a, ...read }] : [];
  });
  const withdrawn = withdrawnDecisions(ws, changeSetDigest, v);
  const reasonsOf = new Map(ws.withdrawals.list(changeSetDigest).map((w) => [w.withdraws, w.reason]));
  const rows: DecisionSignatureDto[] = stored.map(({ row, digest, predicate }) => {
    const keyId = predicate.reviewer.keyId;
    const signedUnder = predicate.decision === 'approve' ? revisionNumberOf(ws, predicate.contract.digest) : null;
    const own = ws.keys.getReviewerKey(keyId);
    const base = {
      id: `${row.kind} ${row.id}`, digest, keyId, name: keyName(ws, keyId, predicate.reviewer.name), decision: predicate.decision,
      at: predicate.time, comment: predicate.comment, signedUnder,
    };
    const mine = own !== null && own.revokedAt === null;
    if (standing.has(digest)) return { ...base, check: 'counted', detail: 'counts', withdrawable: mine };
    if (conflicting.has(digest)) return { ...base, check: 'conflicting', detail: 'conflicts with their other decision: withdraw one', withdrawable: mine };
    if (withdrawn.has(digest)) return { ...base, check: 'withdrawn', detail: `withdrawn: ${reasonsOf.get(digest) ?? ''}`, withdrawable: false };
    if (predicate.decision === 'approve' && predicate.contract.digest !== contract.digest) {
      return { ...base, check: 'stale', detail: `signed under ${revisionText(signedUnder)}: re-sign under ${revisionText(current)}`, withdrawable: false };
    }
    const note = v.notes.find((n) => n.source === `${row.kind} ${row.id}`);
    return { ...base, check: 'not-counted', detail: note?.message ?? 'does not count (a later decision by the same key replaced it)', withdrawable: false };
  });
  const person = personOf(contract.roster);
  const groups = new Map<string, DecisionSignatureDto[]>();
  for (const r of rows) {
    const id = person(r.keyId) ?? r.keyId;
    groups.set(id, [...(groups.get(id) ?? []), r]);
  }
  return [...groups.values()].map((signatures) => {
    const counted = new Set(signatures.filter((s) => s.check === 'counted' || s.check === 'conflicting').map((s) => s.decision));
    return {
      name: signatures[0]!.name,
      keyIds: [...new Set(signatures.map((s) => s.keyId))],
      standing: counted.size === 2 ? 'conflicting' : counted.has('approve') ? 'approve' : counted.has('reject') ? 'reject' : 'none',
      signatures: [...signatures].sort((a, b) => a.at.localeCompare(b.at)),
    } satisfies DecisionPersonDto;
  }).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The exceptions held for a change set. `valid` means it waives the findings it names now:
 * enough distinct trusted signatures, not expired, under this contract (what verify decides).
 * `state` says why not, in the labels' words (a contract-wide exception made under another
 * revision is stale: re-sign it, never "not in force yet"). `file` is where its latest signed
 * copy was exported (its change set's folder in the outbox).
 */
export function exceptionList(session: ReviewSession, digest: string, outboxDir: string, now = new Date()): ExceptionDto[] {
  const judged = session.judge(digest, now);
  const contractDigest = judged.active.contract.digest;
  const applied = new Set(judged.verification.exceptionsApplied.map((e) => e.digest));
  const read = new Map(judged.verification.exceptions.map((e) => [e.digest, e]));
  const ws = session.ws;
  const roster = judged.active.contract.roster ?? [];
  const required = judged.verification.exceptionQuorum;
  const rosterName = (keyId: string): string | undefined => roster.find((r) => r.fingerprint === keyId)?.name;
  return ws.attestations.listExceptions(digest).map((e) => {
    // Only signatures verify accepted are shown and counted (never a stored row's key id).
    const status = read.get(e.statementDigest);
    const signers = status?.signers ?? [];
    // exceptionQuorum counts persons: one person's second key is no second signature.
    const persons = status?.persons.length ?? 0;
    const missing = required - persons;
    const waives = status?.waives ?? [];
    // Verify applies the first valid exception that matches a finding; another valid one that
    // matches the same findings is in force too (it would waive them alone), not "does not count".
    const valid = applied.has(e.statementDigest) || status?.valid === true;
    const boundTo = e.changeSetDigest === null ? subjectDigest(e.envelope) : null;
    const [state, stateDetail]: [ExceptionStateDto, string] = valid
      ? ['in-force', applied.has(e.statementDigest) || !status ? 'in force' : alsoInForce(status.covers.length)]
      : boundTo !== null && boundTo !== contractDigest
        ? ['stale', `signed under ${revisionText(revisionNumberOf(ws, boundTo))}: re-sign under ${revisionText(revisionNumberOf(ws, contractDigest))}`]
        : e.expiresAt !== null && Date.parse(e.expiresAt) <= now.getTime()
          ? ['expired', 'expired']
          : missing > 0
            ? ['awaiting-signatures', `needs ${missing} more signature${missing === 1 ? '' : 's'}${persons < signers.length ? ` from another person (${signers.length} keys of ${persons} ${persons === 1 ? 'person' : 'people'}: each person counts once)` : ''}`]
            : ['not-in-force', 'does not count (see its check in verify)'];
    return {
      id: String(e.id),
      policy: [...new Set(waives.map((w) => w.policy))].join(', ') || e.policy,
      resource: waives.map(waiverTarget).join('; ') || e.resourcePattern,
      waives,
      covers: status?.covers ?? [],
      changeSetDigest: e.changeSetDigest,
      expires: e.expiresAt ?? '',
      justification: e.justification,
      requester: e.requester,
      // A co-reviewer's key is often known only from the contract's roster: name them by it, not by a fingerprint.
      signatures: signers.map((keyId) => ({ keyId, name: keyName(ws, keyId, rosterName(keyId)) })),
      persons,
      required,
      valid,
      file: join(outboxFolderFor(ws, outboxDir, e.changeSetDigest), attestationFileName('exception', e.statementDigest)),
      state,
      stateDetail,
    };
  });
}

/** The state of a valid exception verify did not need: what it covers is waived by another, or nothing is left to waive. */
function alsoInForce(covers: number): string {
  return covers > 0 ? 'in force (another exception also waives these)' : 'in force (nothing left to waive)';
}

/** What a waiver names, without its policy: the address, `pattern GLOB`, or `v1 resource R`. */
function waiverTarget(w: WaiverDto): string {
  if ('address' in w) return w.address;
  return 'pattern' in w ? `pattern ${w.pattern}` : `v1 resource ${w.v1Resource}`;
}

import { InputError } from '../model/errors';
import { printable } from '../model/printable-text';
import { parsePlanJson } from '../loaders/terraform/parse-plan-json';
import type { ChangeSetState, Workspace } from '../store';
import { writeTransaction } from '../store/write-transaction';
import { decisionOutcome } from './decision-state';
import { judgeCurrent, workspaceContext } from './review-context';
import type { ReviewContext } from './review-context';
import { planStatement } from './received-statements';
import { looksLikeSigningRequest } from './signing-request/format';
import type { PlannedStatement, ReceivedKind } from './received-statements';

/** A received attestation file: its name (for messages) and its text. */
export interface ReceivedFile {
  readonly name: string;
  readonly text: string;
}

/** What one statement did in this workspace, in words. */
export interface ImportedStatement {
  readonly file: string;
  readonly kind: ReceivedKind;
  /** Payload digest. */
  readonly digest: string;
  readonly changeSetDigest: string | null;
  /** Signatures (or statements) new to this workspace; 0 when all were already held. */
  readonly added: number;
  readonly signers: readonly { readonly keyId: string; readonly name: string }[];
  /** e.g. `exception sha256:ab12… now 2 of 2 signatures`. */
  readonly summary: string;
}

export interface ImportAttestationsResult {
  readonly statements: readonly ImportedStatement[];
  /** The change sets the statements are about (the review to open). */
  readonly changeSets: readonly string[];
}

/** One attestation file at most this big (an envelope's payload is capped at 1 MiB). */
export const MAX_ATTESTATION_FILE_CHARS = 4 * 1024 * 1024;

/**
 * Imports signed files that came back from co-reviewers: exception copies (their signatures
 * are added to the exception), approvals and rejections by roster approvers, withdrawals, and
 * contract publications (recorded on the revision they publish). Every file and every
 * signature is verified first (planStatement); one bad file refuses them all, storing nothing.
 */
export function importAttestations(ws: Workspace, files: readonly ReceivedFile[], options: { readonly context?: ReviewContext; readonly now?: Date } = {}): ImportAttestationsResult {
  if (files.length === 0) throw new InputError('attestations', 'no file given');
  const context = options.context ?? workspaceContext(ws);
  const planned = files.map((f) => planStatement(ws, readEnvelopeFile(f), printable(f.name), context));
  const stored = writeTransaction(ws.db, () => {
    const results = planned.map((p) => ({ plan: p, ...p.store() }));
    settleStates(ws, planned, context, options.now ?? new Date());
    return results;
  });
  const now = options.now ?? new Date();
  const statements = stored.map(({ plan, added }) => ({
    file: plan.source, kind: plan.kind, digest: plan.digest, changeSetDigest: plan.changeSetDigest, added, signers: plan.signers, summary: summarize(ws, plan, added, now),
  }));
  return { statements, changeSets: [...new Set(statements.flatMap((s) => (s.changeSetDigest ? [s.changeSetDigest] : [])))] };
}

/** An attestation file's JSON (one DSSE envelope), size-capped; a syntax error names line and column. */
export function readEnvelopeFile(file: ReceivedFile): unknown {
  const name = printable(file.name);
  if (file.text.length > MAX_ATTESTATION_FILE_CHARS) throw new InputError(name, `is over the ${MAX_ATTESTATION_FILE_CHARS / (1024 * 1024)} MiB limit of an attestation file`);
  if (file.text.trim() === '') throw new InputError(name, 'the file is empty; expected a signed attestation (DSSE envelope JSON)');
  const value = parsePlanJson(name, file.text);
  if (looksLikeSigningRequest(value)) throw new InputError(name, 'is a signing request, not a signed attestation: import it as a signing request (countersign request import, or drop it on the inbox)');
  return value;
}

/**
 * A decision received may reach the quorum (or reject): the change set's state follows, as when
 * the decision is signed here. Judged inside the storing transaction, over what is now held.
 */
export function settleStates(ws: Workspace, planned: readonly PlannedStatement[], context: ReviewContext, now: Date): void {
  const decided = new Set(planned.filter((p) => p.kind === 'approve' || p.kind === 'reject').map((p) => p.changeSetDigest!));
  for (const digest of decided) {
    const judged = judgeCurrent(ws, context, digest, now).verification;
    const state: ChangeSetState | null = judged.rejections.length > 0 ? 'rejected'
      : judged.approvals.length >= judged.quorum ? 'approved' : null;
    if (state !== null) ws.changeSets.setChangeSetState(digest, state, { reason: 'decision received' });
  }
  // A withdrawal received may end an approval or a rejection: the state follows the outcome (pending again), as withdrawDecision sets it.
  const withdrawn = new Set(planned.filter((p) => p.kind === 'withdrawal').map((p) => p.changeSetDigest!));
  for (const digest of withdrawn) {
    const current = ws.changeSets.getChangeSet(digest)?.state;
    if (current === undefined || current === 'superseded') continue;
    const judged = judgeCurrent(ws, context, digest, now);
    const state = decisionOutcome(ws, judged.verification, judged.active.contract).state;
    if (state !== current) ws.changeSets.setChangeSetState(digest, state, { reason: 'withdrawal received' });
  }
}

function summarize(ws: Workspace, plan: PlannedStatement, added: number, now: Date): string {
  const who = plan.signers.map((s) => (s.name ? printable(s.name) : s.keyId.slice(0, 19))).join(', ');
  const recorded = added === 0 ? 'already held' : `${added} signature${added === 1 ? '' : 's'} recorded`;
  const short = `${plan.digest.slice(0, 19)}…`;
  if (plan.kind === 'publication') return `${recorded}: contract publication ${short} by ${who}`;
  if (plan.kind === 'withdrawal') return `${recorded}: withdrawal ${short} by ${who}`;
  if (plan.changeSetDigest === null) return `${recorded}: exception ${short} (contract-wide) signed by ${who}`;
  const judged = judgeCurrent(ws, workspaceContext(ws), plan.changeSetDigest, now).verification;
  if (plan.kind === 'exception') {
    const e = judged.exceptions.find((x) => x.digest === plan.digest);
    return `${recorded}: exception ${short} now ${e?.signers.length ?? 0} of ${judged.exceptionQuorum}`;
  }
  return `${recorded}: ${plan.kind === 'approve' ? 'approval' : 'rejection'} by ${who}, now ${judged.approvals.length} of ${judged.quorum} approvals`;
}

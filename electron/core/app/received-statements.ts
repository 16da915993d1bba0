import { canonicalJson } from '../base/canonical-json';
import { InputError } from '../model/errors';
import { printable } from '../model/printable-text';
import { CHANGESET_SUBJECT, CONTRACT_SUBJECT, DECISION_PREDICATE, DECISION_PREDICATE_V1, EXCEPTION_PREDICATE, EXCEPTION_PREDICATE_V1, CONTRACT_REVISION_PREDICATE, payloadDigest } from '../signing';
import type { Statement } from '../signing';
import { decodeEnvelope, IN_TOTO_PAYLOAD_TYPE, MalformedEnvelopeError } from '../signing/dsse';
import { WITHDRAWAL_PREDICATE, parseDecisionPredicate, withdrawalPredicateSchema } from '../signing/predicates';
import { hasSubject, parseStatement } from '../signing/statement';
import type { Workspace } from '../store';
import { existingSignatureProblems, personOf, resolveTrustedKeys } from '../verify';
import type { TrustedKey } from '../verify';
import { attestationsFrom } from '../signing';
import { checkAttestations } from '../verify/check-attestations';
import { choosePublication } from '../verify/publication';
import { resolveRevision } from './current-contract';
import { recordExceptionOnce, verifyExceptionCopy } from './exception-service';
import type { ReviewContext } from './review-context';
import { rosterSigningProblem } from './roster-signing';
import { signerTrust } from './signer-trust';
import { readDecision } from './review/stored-decision';
import { signingActor } from './signing-actor';
import { ownerTrust } from './workspace-judgement';

export type ReceivedKind = 'exception' | 'approve' | 'reject' | 'withdrawal' | 'publication';

/** A received statement, every signature verified, ready to store (`store` runs inside the caller's transaction). */
export interface PlannedStatement {
  readonly kind: ReceivedKind;
  readonly source: string;
  /** Payload digest. */
  readonly digest: string;
  readonly changeSetDigest: string | null;
  /** The keys whose signatures it carries (all verified), with their names. */
  readonly signers: readonly { readonly keyId: string; readonly name: string }[];
  /** Stores it; `created`: false when everything in it was already held. */
  readonly store: () => { readonly created: boolean; readonly added: number };
}

/** What a signing request allows among its pending statements: this change set, under this contract. */
export interface Expected {
  readonly changeSetDigest: string;
  readonly contractDigest: string;
  /** Pending statements are checked against the request's published roster only. */
  readonly trusted: ReadonlyMap<string, TrustedKey>;
}

/**
 * Reads and verifies one received envelope (an attestation file, or a pending statement of a
 * signing request): exception copies, decisions, withdrawals, contract publications. Throws an
 * InputError naming `source` for anything else or anything that does not verify.
 */
export function planStatement(ws: Workspace, envelope: unknown, source: string, context: ReviewContext, expected?: Expected): PlannedStatement {
  const statement = readStatement(envelope, source);
  const type = statement.statement.predicateType;
  if (type === EXCEPTION_PREDICATE || type === EXCEPTION_PREDICATE_V1) return planException(ws, envelope, source, context, expected);
  if (type === DECISION_PREDICATE || type === DECISION_PREDICATE_V1) return planDecision(ws, envelope, statement, source, context, expected);
  if (expected !== undefined) throw new InputError(source, `a signing request's pending statements are exceptions and decisions only, not ${printable(type.slice(0, 200))}`);
  if (type === WITHDRAWAL_PREDICATE) return planWithdrawal(ws, envelope, statement, source, context);
  if (type === CONTRACT_REVISION_PREDICATE) return planPublication(ws, envelope, statement, source);
  throw new InputError(source, `is a signed statement of type ${printable(type.slice(0, 200))}, which Countersign does not import (exceptions, decisions, withdrawals and contract publications only)`);
}

interface ReadStatement {
  readonly statement: Statement;
  readonly digest: string;
}

function readStatement(envelope: unknown, source: string): ReadStatement {
  try {
    const decoded = decodeEnvelope(envelope);
    if (decoded.payloadType !== IN_TOTO_PAYLOAD_TYPE) throw new InputError(source, `payloadType is '${printable(decoded.payloadType.slice(0, 100))}', expected ${IN_TOTO_PAYLOAD_TYPE}`);
    const parsed = parseStatement(decoded.payload);
    if ('problem' in parsed) throw new InputError(source, `not an in-toto statement: ${parsed.problem}`);
    return { statement: parsed.statement, digest: payloadDigest(decoded.payload) };
  } catch (err) {
    if (err instanceof MalformedEnvelopeError) throw new InputError(source, `malformed DSSE envelope: ${err.message}`);
    throw err;
  }
}

/** The one change set a statement is about (exactly one `changeset` subject). */
function subjectChangeSet(statement: Statement, source: string): string {
  const subjects = statement.subject.filter((s) => s.name === CHANGESET_SUBJECT);
  const hex = subjects[0]?.digest.sha256?.toLowerCase();
  if (subjects.length !== 1 || !hex || !/^[0-9a-f]{64}$/.test(hex)) throw new InputError(source, 'must name exactly one change set as its subject');
  return `sha256:${hex}`;
}

function signersOf(envelope: unknown, trusted: ReadonlyMap<string, TrustedKey>): { keyId: string; name: string }[] {
  return (envelope as { signatures: { keyid: string }[] }).signatures.map((s) => ({ keyId: s.keyid, name: trusted.get(s.keyid)?.name ?? '' }));
}

function planException(ws: Workspace, envelope: unknown, source: string, context: ReviewContext, expected?: Expected): PlannedStatement {
  const { request, active } = verifyExceptionCopy(ws, envelope, source, context, expected?.trusted);
  const p = request.predicate;
  if (expected !== undefined) {
    const bound = p.changeSetDigest === expected.changeSetDigest
      || (p.changeSetDigest === null && hasSubject(request.statement, CONTRACT_SUBJECT, expected.contractDigest));
    if (!bound) throw new InputError(source, 'is an exception for another change set or contract than the request\'s');
  }
  const trusted = expected?.trusted ?? signerTrust(ws, active.contract);
  const signers = signersOf(envelope, trusted);
  return {
    kind: 'exception', source, digest: request.digest, changeSetDigest: p.changeSetDigest, signers,
    store: () => {
      const before = ws.attestations.getExceptionByStatement(request.digest);
      const row = recordExceptionOnce(ws, request, envelope);
      const text = JSON.stringify(envelope);
      let added = before === null ? 1 : 0;
      for (const s of signers) {
        if (s.keyId === p.requester.keyId && before === null) continue;
        if (ws.attestations.addExceptionSignature(row.id, s.keyId, text).created) added++;
      }
      return { created: added > 0, added };
    },
  };
}

function planDecision(ws: Workspace, envelope: unknown, read: ReadStatement, source: string, context: ReviewContext, expected?: Expected): PlannedStatement {
  const parsed = parseDecisionPredicate(read.statement.predicateType, read.statement.predicate);
  if ('problem' in parsed) throw new InputError(source, `malformed decision: ${parsed.problem}`);
  const p = parsed.predicate;
  const changeSetDigest = subjectChangeSet(read.statement, source);
  if (expected !== undefined && changeSetDigest !== expected.changeSetDigest) throw new InputError(source, 'is a decision on another change set than the request\'s');
  if (!ws.changeSets.getChangeSet(changeSetDigest)) throw new InputError(source, `is a decision on change set ${changeSetDigest}, which is not in this workspace: import and review it first`);
  const active = context.contractFor(changeSetDigest);
  if (p.contract.digest !== active.contract.digest) {
    throw new InputError(source, `was signed under contract ${p.contract.digest}, not the revision that judges this change set here (${active.contract.name} revision ${active.revision.revision}, ${active.contract.digest})`);
  }
  const trusted = expected?.trusted ?? signerTrust(ws, active.contract);
  const signatures = (envelope as { signatures: { keyid: string }[] }).signatures;
  if (signatures.length !== 1) throw new InputError(source, `a decision carries its reviewer's signature only (it carries ${signatures.length})`);
  const bad = existingSignatureProblems(envelope, trusted, Date.parse(p.time));
  if (bad.length > 0) throw new InputError(source, `refused, not signed: ${bad.join('; ')}`);
  const keyId = signatures[0]!.keyid;
  const notApprover = rosterSigningProblem(active.contract, keyId, 'approver');
  if (notApprover !== null) throw new InputError(source, `refused: ${notApprover}`);
  return {
    kind: p.decision, source, digest: read.digest, changeSetDigest, signers: signersOf(envelope, trusted),
    store: () => {
      const r = ws.attestations.recordApproval({
        kind: p.decision, changeSetDigest, contractDigest: p.contract.digest, evaluationDigest: p.evaluation.digest, keyId, envelope: JSON.stringify(envelope),
      });
      return { created: r.created, added: r.created ? 1 : 0 };
    },
  };
}

function planWithdrawal(ws: Workspace, envelope: unknown, read: ReadStatement, source: string, context: ReviewContext): PlannedStatement {
  const parsed = withdrawalPredicateSchema.safeParse(read.statement.predicate);
  if (!parsed.success) throw new InputError(source, `malformed withdrawal: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim());
  const p = parsed.data;
  const changeSetDigest = subjectChangeSet(read.statement, source);
  if (!ws.changeSets.getChangeSet(changeSetDigest)) throw new InputError(source, `withdraws a decision on change set ${changeSetDigest}, which is not in this workspace`);
  const active = context.contractFor(changeSetDigest);
  const trusted = signerTrust(ws, active.contract);
  const signatures = (envelope as { signatures: { keyid: string }[] }).signatures;
  if (signatures.length !== 1) throw new InputError(source, `a withdrawal carries its reviewer's signature only (it carries ${signatures.length})`);
  const bad = existingSignatureProblems(envelope, trusted, Date.parse(p.time));
  if (bad.length > 0) throw new InputError(source, `refused, not signed: ${bad.join('; ')}`);
  const keyId = signatures[0]!.keyid;
  // As verify reads it: signed by the reviewer it names, and (for a decision held here) by that decision's own person.
  if (keyId !== p.reviewer.keyId) throw new InputError(source, `refused: it names reviewer ${printable(p.reviewer.keyId)}, but is signed by ${keyId}`);
  const target = ws.attestations.listApprovals(changeSetDigest).map((a) => readDecision(a.envelope)).find((d) => d?.digest === p.withdraws);
  if (target) {
    const person = personOf(active.contract.roster);
    const owner = target.predicate.reviewer.keyId;
    if (owner !== keyId && (person(owner) === null || person(owner) !== person(keyId))) {
      const name = trusted.get(owner)?.name || target.predicate.reviewer.name;
      throw new InputError(source, `refused: it withdraws a decision by ${printable(name)} (${owner}), another person: only they can withdraw it`);
    }
  }
  return {
    kind: 'withdrawal', source, digest: read.digest, changeSetDigest, signers: signersOf(envelope, trusted),
    store: () => {
      const { created } = ws.withdrawals.record({
        changeSetDigest, statementDigest: read.digest, withdraws: p.withdraws, keyId, reason: p.reason, envelope: JSON.stringify(envelope),
        actor: signingActor(ws, keyId),
      });
      return { created, added: created ? 1 : 0 };
    },
  };
}

/**
 * A contract publication (contract-revision/v2) is recorded on the revision it publishes, as
 * publishContract records its own: same name, same digest, same roster, and valid under this
 * workspace's keys (choosePublication with them as the root, as verify does).
 */
function planPublication(ws: Workspace, envelope: unknown, read: ReadStatement, source: string): PlannedStatement {
  const root = resolveTrustedKeys(ownerTrust(ws));
  const checked = checkAttestations(attestationsFrom([envelope], source), root, new Date());
  const predicate = checked.verified[0]?.type === 'publication' ? checked.verified[0].predicate : null;
  if (predicate === null) throw new InputError(source, `refused: ${checked.notes.map((n) => n.message).join('; ') || 'not a publication signed by a key this workspace holds'}`);
  const candidates = ws.contracts.listRevisions(predicate.name).filter((r) => r.digest === predicate.contractDigest).reverse();
  let why = `this workspace holds no revision of contract ${printable(predicate.name)} with digest ${predicate.contractDigest}`;
  for (const revision of candidates) {
    const { contract } = resolveRevision(revision);
    if (canonicalJson(contract.roster ?? []) !== canonicalJson(predicate.roster)) {
      why = `revision ${revision.revision} of contract ${printable(predicate.name)} has another roster than the one published`;
      continue;
    }
    const chosen = choosePublication(checked.verified, { name: contract.name, vendor: contract.vendor, install: contract.install ?? '', digest: contract.digest, roster: contract.roster ?? [] }, root, new Date());
    if (!chosen.publication) throw new InputError(source, `refused: ${[...chosen.failures, ...chosen.notes].map((r) => r.message).join('; ')}`);
    const text = JSON.stringify(envelope);
    if (revision.publishedEnvelope !== null && revision.publishedEnvelope !== text) {
      why = `revision ${revision.revision} of contract ${printable(predicate.name)} is already published (at ${revision.publishedAt})`;
      continue;
    }
    const signers = chosen.publication.signers.map((k) => ({ keyId: k, name: root.get(k)?.name ?? '' }));
    return {
      kind: 'publication', source, digest: read.digest, changeSetDigest: null, signers,
      store: () => {
        if (ws.contracts.getRevision(revision.id)?.publishedEnvelope !== null) return { created: false, added: 0 };
        ws.contracts.publishRevision(revision.id, text);
        return { created: true, added: 1 };
      },
    };
  }
  throw new InputError(source, `refused: ${why}`);
}

import { InputError } from '../model/errors';
import { addSignature, attestationFileName, createException, readExceptionRequest } from '../signing';
import type { Workspace } from '../store';
import { currentContract } from './current-contract';
import { unlockKey } from './key-service';
import { attestationFile } from './workspace-judgement';
import type { AttestationFile } from './workspace-judgement';

export interface ExceptionRequestInput {
  /** Change-set digest or unique prefix: the change set under review. */
  readonly digest: string;
  /**
   * `changeset` (default): the exception covers only this change set. `contract`: it covers
   * matching findings in any change set under this contract until it expires (e.g. a known
   * vendor limitation), so the expiry cap matters even more.
   */
  readonly scope?: 'changeset' | 'contract';
  readonly policy: string;
  readonly resource: string;
  readonly justification: string;
  readonly expires: Date;
  readonly keyId: string;
  readonly passphrase: string;
  readonly now?: Date;
}

export interface ExceptionResult {
  readonly exceptionId: number;
  /** Payload digest: the exception's identity, whatever signatures it carries. */
  readonly digest: string;
  readonly policy: string;
  readonly resource: string;
  readonly changeSetDigest: string | null;
  readonly expires: string;
  /** Distinct keys that signed the file written, and how many the contract needs. */
  readonly signers: readonly string[];
  readonly quorum: number;
  readonly file: AttestationFile;
}

/**
 * A new exception for one policy on the resources matching a pattern, scoped to one stored
 * change set (or contract-wide until it expires), signed by the requester. Refused when it could never count: unknown or
 * `mandatory` policy, no justification, an expiry past or beyond maxExceptionDays.
 */
export async function requestException(ws: Workspace, input: ExceptionRequestInput): Promise<ExceptionResult> {
  const digest = ws.changeSets.resolveDigest(input.digest);
  const { key, privateKey } = await unlockKey(ws, input.keyId, input.passphrase);
  const active = currentContract(ws);
  const signed = createException({
    contract: active.contract,
    changeSetDigest: input.scope === 'contract' ? null : digest,
    policy: input.policy,
    resource: input.resource,
    expires: input.expires,
    justification: input.justification,
    requester: { privateKey, name: key.name },
    ...(input.now ? { time: input.now } : {}),
  });
  const p = signed.statement.predicate;
  const stored = ws.attestations.recordException({
    statementDigest: signed.digest,
    envelope: JSON.stringify(signed.envelope),
    policy: p.policy,
    resourcePattern: p.resource,
    changeSetDigest: p.changeSetDigest,
    expiresAt: p.expires,
    justification: p.justification,
    requester: key.name,
    keyId: key.id,
  });
  return {
    exceptionId: stored.value.id, digest: signed.digest, policy: p.policy, resource: p.resource, changeSetDigest: p.changeSetDigest,
    expires: p.expires, signers: [key.id], quorum: Math.max(1, active.contract.approvals.exceptionQuorum),
    file: attestationFile(signed.fileName, signed.envelope),
  };
}

/**
 * Adds this workspace's signature to an exception file (a co-signer's review). The exception
 * is recorded here too if it came from another workspace; a change-set-scoped exception needs
 * that change set imported (a co-signer signs what they could review). The same payload keeps
 * its digest and file name; the returned file carries every signature so far.
 */
export async function signException(ws: Workspace, input: { readonly envelopeText: string; readonly source: string; readonly keyId: string; readonly passphrase: string }): Promise<ExceptionResult> {
  let envelope: unknown;
  try {
    envelope = JSON.parse(input.envelopeText);
  } catch (err) {
    throw new InputError(input.source, `not a JSON envelope (${(err as Error).message})`);
  }
  let request: ReturnType<typeof readExceptionRequest>;
  try {
    request = readExceptionRequest(envelope);
  } catch (err) {
    throw new InputError(input.source, (err as Error).message);
  }
  const p = request.predicate;
  if (p.changeSetDigest !== null && !ws.changeSets.getChangeSet(p.changeSetDigest)) {
    throw new InputError(input.source, `is for change set ${p.changeSetDigest}, which is not in this workspace: import and review it first`);
  }
  const active = currentContract(ws);
  const policy = active.contract.policies.find((x) => x.id === p.policy);
  if (!policy) throw new InputError(input.source, `waives policy '${p.policy}', which is not in the current contract ${active.contract.name}`);
  if (policy.enforcement === 'mandatory') throw new InputError(input.source, `waives policy '${p.policy}', which is mandatory: its findings can never be waived`);
  const { key, privateKey } = await unlockKey(ws, input.keyId, input.passphrase);
  let cosigned;
  try {
    cosigned = addSignature(envelope, privateKey);
  } catch (err) {
    throw new InputError(input.source, (err as Error).message.replace(/^cannot sign: /, ''));
  }
  const stored = ws.db.transaction(() => {
    const existing = ws.attestations.getExceptionByStatement(request.digest) ?? ws.attestations.recordException({
      statementDigest: request.digest,
      envelope: JSON.stringify(envelope),
      policy: p.policy,
      resourcePattern: p.resource,
      changeSetDigest: p.changeSetDigest,
      expiresAt: p.expires,
      justification: p.justification,
      requester: p.requester.name,
      keyId: p.requester.keyId,
    }).value;
    return ws.attestations.addExceptionSignature(existing.id, key.id, JSON.stringify(cosigned)).value;
  }).immediate();
  return {
    exceptionId: stored.id, digest: request.digest, policy: p.policy, resource: p.resource, changeSetDigest: p.changeSetDigest,
    expires: p.expires, signers: [...new Set(cosigned.signatures.map((s) => s.keyid))], quorum: Math.max(1, active.contract.approvals.exceptionQuorum),
    file: attestationFile(attestationFileName('exception', request.digest), cosigned),
  };
}

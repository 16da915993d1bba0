import { InputError } from '../../model/errors';
import { printable } from '../../model/printable-text';
import type { Workspace } from '../../store';
import { writeTransaction } from '../../store/write-transaction';
import { importChangeSetSource } from '../change-set-service';
import { contractFor } from '../current-contract';
import type { ImportChangeSetResult } from '../change-set-service';
import { settleStates } from '../import-attestations';
import { planStatement } from '../received-statements';
import type { PlannedStatement, ReceivedKind } from '../received-statements';
import { workspaceContext } from '../review-context';
import type { ReviewContext } from '../review-context';
import { rosterTrustedKeys } from '../signer-trust';
import { readSigningRequest } from './format';
import { planContract, verifyRequestContract } from './request-contract';
import { requestChangeSet } from './request-files';

export interface ReceivedSigningRequest {
  readonly changeSet: ImportChangeSetResult;
  /** The contract as stored here: this workspace's revision number, and the publication's. */
  readonly contract: { readonly name: string; readonly revision: number; readonly publishedRevision: number; readonly saved: boolean };
  /** The requester as the published roster names the key (the request's own words are not trusted). */
  readonly requestedBy: { readonly keyId: string; readonly name: string };
  readonly pending: readonly { readonly kind: ReceivedKind; readonly digest: string; readonly signers: readonly { readonly keyId: string; readonly name: string }[]; readonly added: number }[];
  readonly note: string;
}

/**
 * Accepts a signing request (docs/signing-request.md), read as hostile input: the strict
 * schema and caps; the change set rebuilt from its files (bundle path rules) to the digest it
 * states; the contract resolved to the digest it states and its publication valid under THIS
 * workspace's owner keys; no newer publication of that contract held here; every pending
 * statement's every signature verified under the published roster. Then, in ONE transaction
 * (any refusal stores nothing): the contract revision and its publication, the change set and
 * its evaluation, the pending statements. The change set must then be judged by that contract.
 */
export function receiveSigningRequest(ws: Workspace, input: { readonly text: string; readonly source: string; readonly now?: Date }, context: ReviewContext = workspaceContext(ws)): ReceivedSigningRequest {
  const now = input.now ?? new Date();
  const source = printable(input.source);
  const request = readSigningRequest(input.text, source);
  const { source: files, changeSet } = requestChangeSet(request, source);
  const verified = verifyRequestContract(ws, request, source, now);
  const roster = verified.contract.roster ?? [];
  const requester = roster.find((e) => e.fingerprint === request.requestedBy.keyId);
  if (!requester) throw new InputError(source, `names requester ${request.requestedBy.keyId}, a key the published roster does not list`);
  const trusted = rosterTrustedKeys(roster, source);
  return writeTransaction(ws.db, () => {
    const plan = planContract(ws, verified, source);
    let revision;
    if (plan.action === 'save') {
      const saved = ws.contracts.saveRevision({
        contract: verified.contract.name, content: verified.text, digest: verified.contract.digest,
        author: `signing request from ${printable(requester.name)} <${requester.fingerprint}>`, comment: `received with ${source} (published revision ${verified.publication.revision})`,
      }).value;
      revision = ws.contracts.publishRevision(saved.id, JSON.stringify(verified.envelope));
    } else {
      revision = plan.recordPublication ? ws.contracts.publishRevision(plan.revision.id, JSON.stringify(verified.envelope)) : plan.revision;
    }
    const judging = contractFor(ws, changeSet.metadata);
    if (judging.revision.id !== revision.id) {
      throw new InputError(source, `in this workspace change set ${changeSet.digest} (vendor "${printable(changeSet.metadata.vendor)}", install "${printable(changeSet.metadata.install)}") is judged by contract ${printable(judging.revision.contract)}, not by the request's contract ${printable(verified.contract.name)}: signatures made here would not be under the request's contract`);
    }
    const imported = importChangeSetSource(ws, files);
    const expected = { changeSetDigest: changeSet.digest, contractDigest: verified.contract.digest, trusted };
    const planned: PlannedStatement[] = request.pending.map((envelope, i) => planStatement(ws, envelope, `${source}: pending.${i}`, context, expected));
    const pending = planned.map((p) => ({ kind: p.kind, digest: p.digest, signers: p.signers, added: p.store().added }));
    settleStates(ws, planned, context, now);
    return {
      changeSet: imported,
      contract: { name: revision.contract, revision: revision.revision, publishedRevision: verified.publication.revision, saved: plan.action === 'save' },
      requestedBy: { keyId: requester.fingerprint, name: requester.name },
      pending,
      note: request.note ?? '',
    };
  });
}

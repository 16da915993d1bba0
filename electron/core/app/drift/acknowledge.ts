import { ConflictError, NotFoundError, UsageError } from '../../model/errors';
import { attestationsFrom, signDriftAcknowledgement } from '../../signing';
import type { DriftAcknowledgementMode } from '../../signing';
import { commitWithFile, currentAuditHead } from '../../store';
import type { OutboxStep, Workspace } from '../../store';
import { driftStore } from '../../store/drift';
import type { StoredDriftAcknowledgement } from '../../store/drift';
import { verifyDriftAcknowledgements } from '../../verify/verify-drift-acknowledgements';
import { contractFor } from '../current-contract';
import { PolicyRefusal } from '../errors';
import { unlockKey } from '../key-service';
import type { OutboxLayout } from '../outbox-layout';
import { rosterSigningProblem } from '../roster-signing';
import { signingActor } from '../signing-actor';
import { attestationFile, workspaceTrust } from '../workspace-judgement';
import type { AttestationFile } from '../workspace-judgement';
import { driftOutboxDir } from './drift-outbox';
import { parsedReport } from './drift-view';
import { installVendor } from './last-approved';

export interface AcknowledgeDriftInput {
  /** The drift item's key (DriftItem.key). */
  readonly key: string;
  readonly note: string;
  readonly mode: DriftAcknowledgementMode;
  /** The outbox: the signed file goes to `_drift/<install>/` there (drift-outbox.ts; `flat`: straight in). */
  readonly outboxDir: string;
  readonly layout?: OutboxLayout;
  readonly now?: Date;
  readonly onStep?: (step: OutboxStep) => void;
}

export interface DriftSigner {
  readonly keyId: string;
  readonly passphrase: string;
}

export interface AcknowledgeDriftResult {
  readonly acknowledgement: StoredDriftAcknowledgement;
  readonly reportId: number;
  readonly file: AttestationFile;
  /** Where the file was written (in the outbox). */
  readonly path: string;
}

/**
 * Signs a drift acknowledgement (drift-acknowledgement/v1) for one item of the newest report
 * that lists it: "acknowledged" with a note saying why, or "revert-by-vendor" with a note for
 * the vendor. Under a reviewer roster only an approver may sign it. The signed file is
 * verified with the workspace's trust before it is recorded (with its audit entry) and written
 * to the outbox for the vendor, in one step: a failure leaves neither.
 */
export async function acknowledgeDrift(ws: Workspace, input: AcknowledgeDriftInput, signer: DriftSigner): Promise<AcknowledgeDriftResult> {
  if (input.mode !== 'acknowledged' && input.mode !== 'revert-by-vendor') throw new UsageError(`unknown acknowledgement mode ${JSON.stringify(String(input.mode)).slice(0, 40)}`);
  if (input.note.trim() === '') {
    throw new UsageError(input.mode === 'acknowledged' ? 'acknowledging drift needs a note saying why it is accepted' : 'marking drift to be reverted needs a note for the vendor');
  }
  const store = driftStore(ws);
  const stored = store.newestReportWithItem(input.key);
  if (!stored) throw new NotFoundError(input.key, 'no drift item with this key in the workspace');
  const item = parsedReport(stored).items.find((i) => i.key === input.key)!;
  const earlier = store.acknowledgementOf(stored.install, input.key);
  if (earlier) throw new ConflictError(input.key, `this drift item was already ${earlier.mode === 'acknowledged' ? 'acknowledged' : 'marked to be reverted by the vendor'} (${earlier.createdAt})`);
  const { key, privateKey } = await unlockKey(ws, signer.keyId, signer.passphrase);
  const approved = stored.approvedChangeSet !== '' ? ws.changeSets.getChangeSet(stored.approvedChangeSet) : null;
  const active = contractFor(ws, { vendor: approved?.metadata.vendor ?? installVendor(ws, stored.install), install: stored.install });
  const notApprover = rosterSigningProblem(active.contract, key.id, 'approver');
  if (notApprover !== null) throw new PolicyRefusal(`cannot acknowledge drift: ${notApprover}`);
  const now = input.now ?? new Date();
  const signed = signDriftAcknowledgement({
    install: stored.install,
    item: { key: item.key, source: item.source, address: item.address, kind: item.kind },
    snapshot: { kind: stored.snapshotKind as 'terraform-refresh-plan', sha256: stored.snapshotSha256 },
    approvedChangeSet: stored.approvedChangeSet,
    contractDigest: stored.contractDigest,
    mode: input.mode,
    note: input.note,
    reviewer: { privateKey, name: key.name },
    time: now,
    auditHead: currentAuditHead(ws),
  });
  // Checked as the vendor's verify checks it, before anything is recorded.
  const check = verifyDriftAcknowledgements(attestationsFrom([signed.envelope], signed.fileName), workspaceTrust(ws), now);
  if (!check.ok) throw new Error(`the drift acknowledgement just signed does not verify: ${check.problems.map((p) => p.message).join('; ')}`);
  const file = attestationFile(signed.fileName, signed.envelope);
  const { value, path } = commitWithFile(driftOutboxDir(input.outboxDir, stored.install, input.layout), file, () => store.recordAcknowledgement({
    install: stored.install, itemKey: item.key, mode: input.mode, note: input.note, keyId: key.id,
    statementDigest: signed.digest, envelope: JSON.stringify(signed.envelope),
  }, signingActor(ws, key.id, active.contract)), input.onStep);
  return { acknowledgement: value.value, reportId: stored.id, file, path };
}

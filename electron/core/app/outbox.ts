import { attestationFileName, envelopeFileText, payloadDigest } from '../signing';
import type { DsseEnvelope } from '../signing';
import { reconcileOutbox } from '../store';
import type { OutboxFile, ReconcileReport, Workspace } from '../store';
import { withdrawalFileName } from '../signing/sign-withdrawal';
import { holdsPublication } from './publish-contract';

/**
 * Makes an outbox folder agree with the workspace after a process was killed while writing a
 * signed file (see store/outbox-files.ts): a staged file whose attestation is stored is renamed
 * into place, one whose attestation is not is deleted. With `rewriteMissing` (the app's own
 * outbox, which holds every decision and exception of its workspace) a stored attestation with
 * no file gets it written again from the envelope the workspace keeps.
 */
export function reconcileAttestationOutbox(ws: Workspace, dir: string, options: { readonly rewriteMissing: boolean }): ReconcileReport {
  return reconcileOutbox(dir, {
    // A contract publication is recorded on its revision, not among the attestations.
    isCommitted: (text) => ws.attestations.holdsEnvelope(text) || ws.withdrawals.holdsEnvelope(text) || holdsPublication(ws, text),
    expected: () => (options.rewriteMissing ? outboxFiles(ws) : []),
  });
}

/** Every file the outbox of this workspace holds: each decision, each exception's newest signed copy, and each withdrawal. */
export function outboxFiles(ws: Workspace): readonly OutboxFile[] {
  const withdrawals = ws.withdrawals.listAll().map((w) => ({ name: withdrawalFileName(w.statementDigest), text: envelopeFileText(JSON.parse(w.envelope) as DsseEnvelope) }));
  return [...decisionAndExceptionFiles(ws), ...withdrawals];
}

function decisionAndExceptionFiles(ws: Workspace): readonly OutboxFile[] {
  return ws.attestations.listOutboxEnvelopes().map((a) => {
    const envelope = JSON.parse(a.envelope) as DsseEnvelope;
    const name = a.kind === 'exception'
      ? attestationFileName('exception', a.statementDigest!)
      : attestationFileName(a.kind === 'approve' ? 'approval' : 'rejection', payloadDigest(Buffer.from(envelope.payload, 'base64')));
    return { name, text: envelopeFileText(envelope) };
  });
}

import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { attestationFileName, envelopeFileText, payloadDigest } from '../signing';
import type { DsseEnvelope } from '../signing';
import { reconcileOutbox } from '../store';
import type { OutboxFile, ReconcileReport, Workspace } from '../store';
import { CHANGE_SET_FOLDER_DEPTH, outboxFolderFor } from './outbox-layout';
import type { OutboxLayout } from './outbox-layout';
import { holdsPublication } from './publish-contract';
import { driftStore } from '../store/drift';
import { DRIFT_OUTBOX_FOLDER, driftOutboxDir } from './drift/drift-outbox';

export interface ReconcileOptions {
  /** Write again every stored attestation whose file is missing (the app's own outbox, which holds every decision and exception of its workspace). */
  readonly rewriteMissing: boolean;
  /** `per-change-set` (default): the app's outbox layout (outbox-layout.ts); `flat`: a folder the user named. */
  readonly layout?: OutboxLayout;
}

/**
 * Makes an outbox agree with the workspace after a process was killed while writing a signed
 * file (see store/outbox-files.ts): a staged file whose attestation is stored is renamed into
 * place, one whose attestation is not is deleted. With `rewriteMissing` a stored attestation
 * with no file gets it written again from the envelope the workspace keeps. Under the
 * per-change-set layout every change set's folder is reconciled, and the top folder (contract
 * publications, contract-wide exceptions, files older builds wrote there). The names in the
 * report are relative to `dir`.
 */
export function reconcileAttestationOutbox(ws: Workspace, dir: string, options: ReconcileOptions): ReconcileReport {
  const layout = options.layout ?? 'per-change-set';
  // A publication is recorded on its revision, not among the attestations.
  const drift = driftStore(ws);
  const isCommitted = (text: string) => ws.attestations.holdsEnvelope(text) || ws.withdrawals.holdsEnvelope(text) || holdsPublication(ws, text) || drift.holdsEnvelope(text);
  const expected = new Map<string, OutboxFile[]>();
  if (options.rewriteMissing) {
    for (const f of outboxFilesByFolder(ws, dir, layout)) expected.set(f.dir, [...(expected.get(f.dir) ?? []), f]);
  }
  const folders = new Set([dir, ...(layout === 'per-change-set' ? [...changeSetFolders(dir), ...subfolders(join(dir, DRIFT_OUTBOX_FOLDER))] : []), ...expected.keys()]);
  const renamed: string[] = [], deleted: string[] = [], rewritten: string[] = [];
  for (const folder of folders) {
    const r = reconcileOutbox(folder, { isCommitted, expected: () => expected.get(folder) ?? [] });
    const named = (n: string) => relative(dir, join(folder, n));
    renamed.push(...r.renamed.map(named));
    deleted.push(...r.deleted.map(named));
    rewritten.push(...r.rewritten.map(named));
  }
  return { renamed, deleted, rewritten };
}

/** Every file the outbox of this workspace holds: each decision, each exception's newest signed copy, each withdrawal and each drift acknowledgement. */
export function outboxFiles(ws: Workspace): readonly OutboxFile[] {
  return outboxFilesByFolder(ws, '', 'flat');
}

/** The outbox files with the folder each belongs in under `layout`. */
export function outboxFilesByFolder(ws: Workspace, outboxDir: string, layout: OutboxLayout): readonly (OutboxFile & { readonly dir: string })[] {
  const decisionsAndExceptions = ws.attestations.listOutboxEnvelopes().map((a) => {
    const envelope = JSON.parse(a.envelope) as DsseEnvelope;
    const name = a.kind === 'exception'
      ? attestationFileName('exception', a.statementDigest!)
      : attestationFileName(a.kind === 'approve' ? 'approval' : 'rejection', payloadDigest(Buffer.from(envelope.payload, 'base64')));
    // A change set the workspace no longer holds (never expected) must not keep the app from opening: its files go to the top.
    const known = a.changeSetDigest !== null && ws.changeSets.getChangeSet(a.changeSetDigest) ? a.changeSetDigest : null;
    return { dir: outboxFolderFor(ws, outboxDir, known, layout), name, text: envelopeFileText(envelope) };
  });
  const withdrawals = ws.withdrawals.listAll().map((w) => ({
    dir: outboxFolderFor(ws, outboxDir, ws.changeSets.getChangeSet(w.changeSetDigest) ? w.changeSetDigest : null, layout),
    name: attestationFileName('withdrawal', w.statementDigest),
    text: envelopeFileText(JSON.parse(w.envelope) as DsseEnvelope),
  }));
  // Issue 12: signed drift acknowledgements, in `_drift/<install>/` (drift/drift-outbox.ts).
  const driftAcknowledgements = driftStore(ws).listAcknowledgements().map((a) => ({
    dir: driftOutboxDir(outboxDir, a.install, layout),
    name: attestationFileName('drift-acknowledgement', a.statementDigest),
    text: envelopeFileText(JSON.parse(a.envelope) as DsseEnvelope),
  }));
  return [...decisionsAndExceptions, ...withdrawals, ...driftAcknowledgements];
}

/**
 * The change-set folders present under an outbox (exactly vendor/install/release/digest deep),
 * real folders only: a symbolic link placed there is never followed out of the outbox.
 */
function changeSetFolders(root: string): string[] {
  let level = [root];
  for (let depth = 0; depth < CHANGE_SET_FOLDER_DEPTH; depth++) {
    level = level.flatMap((d) => subfolders(d));
  }
  return level;
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(dir, e.name));
  } catch {
    return [];
  }
}

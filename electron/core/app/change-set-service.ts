import { ENGINE_VERSION, evaluateChangeSet } from '../engine';
import { compiledContract } from './compiled-contract';
import { buildChangeSet, readChangeSetSource, signatureAttestations } from '../loaders/bundle';
import { buildLargePlanChangeSet } from '../loaders/bundle/build-large-plan';
import type { ChangeSetSource } from '../loaders/bundle';
import type { ChangeSet } from '../model/changeset';
import { InputError, NotFoundError } from '../model/errors';
import type { Evaluation } from '../model/finding';
import { CHANGE_SET_STATES, withDeferredCheckpoint } from '../store';
import type { ChangeSetState, InboxItem, StoredApproval, StoredChangeSet, StoredEvaluation, StoredFinding, Workspace } from '../store';
import { contractFor, judgingRevision } from './current-contract';
import type { ActiveContract } from './current-contract';
import { exceptionSummaries } from './exception-summary';
import { setChangeSetLabels } from './change-set-labels';
import type { LabelField } from './change-set-labels';
import { vendorSignatureOf } from './vendor-signature-status';
import type { VendorSignatureStatus } from '../verify/vendor-signature';
import type { ExceptionSummary } from './exception-summary';

export interface ImportChangeSetResult {
  readonly digest: string;
  /** False when this digest was already in the workspace (nothing new stored for it). */
  readonly created: boolean;
  readonly state: ChangeSetState;
  /** Its evaluation under the revision of the contract that judges it. */
  readonly evaluation: StoredEvaluation;
  /** That contract (its vendor's or install's, else the default) and revision. */
  readonly contract: { readonly name: string; readonly revision: number };
  /** False when that evaluation was already stored. */
  readonly evaluated: boolean;
  /** The change set as built for the import, so a caller can review it without rebuilding. */
  readonly changeSet: ChangeSet;
  /** Signature files of the bundle's signatures/ folder stored by this import (those already held are not counted). */
  readonly signaturesStored: number;
  /** The vendor's release signatures held for it, judged under that contract (a bad one never blocks the import). */
  readonly vendorSignature: VendorSignatureStatus;
  /** The findings of the evaluation this import stored, as the store reads them back (absent when none was stored). */
  readonly storedFindings?: readonly StoredFinding[];
}

export interface ChangeSetDetail {
  readonly changeSet: StoredChangeSet;
  /** The latest evaluation (under any contract revision), null when never evaluated. */
  readonly evaluation: StoredEvaluation | null;
  /** True when that evaluation was made under the revision of the contract that judges this change set now. */
  readonly evaluationIsCurrent: boolean;
  /** The contract that judges it now (its vendor's or install's, else the default); null when none is stored yet. */
  readonly contract: { readonly name: string; readonly revision: number; readonly digest: string } | null;
  readonly findings: readonly StoredFinding[];
  readonly approvals: readonly Omit<StoredApproval, 'envelope'>[];
  readonly exceptions: readonly ExceptionSummary[];
}

/**
 * Imports a change set (bundle folder, archive or bare files): its source files are stored
 * whole, and it is evaluated under the contract its vendor and install select (else the
 * default contract), both in one transaction.
 * Importing the same digest again stores nothing (unless the contract changed since: then the
 * new evaluation is added).
 */
export async function importChangeSet(ws: Workspace, inputs: readonly string[], options: ImportOptions = {}): Promise<ImportChangeSetResult> {
  // Big files in shared memory: a worker thread hashes a big plan and checks the JSON the main thread skips.
  const read = await readChangeSetSource(inputs, { sharedMemory: true });
  const source = options.origin ? { ...read, origin: options.origin } : read;
  const labels = options.labels ?? {};
  const prepared = await preparedImport(ws, source);
  if (Object.values(labels).every((v) => v === undefined)) return storeImport(ws, source, prepared);
  // One write: a refused label (say over a vendor the changeset.yaml states) stores nothing of the import either.
  return withDeferredCheckpoint(ws.db, () => ws.db.transaction(() => {
    const r = storeImport(ws, source, prepared);
    setChangeSetLabels(ws, r.digest, labels);
    return r;
  }).immediate());
}

export interface ImportOptions {
  /**
   * What the user imported, as they named it (a dropped file's name), when `inputs` are copies
   * in a temporary folder: kept as the change set's origin and in the audit entry, so neither
   * records a temporary path. Not part of the digest.
   */
  readonly origin?: string;
  /** Display labels to set with the import (change-set-labels.ts): display only, audited. */
  readonly labels?: Readonly<Partial<Record<LabelField, string>>>;
}

/** importChangeSet of files already read (a signing request carries them); inside a caller's transaction it is part of it. */
export function importChangeSetSource(ws: Workspace, source: ChangeSetSource): ImportChangeSetResult {
  return storeImport(ws, source, evaluated(ws, buildChangeSet(source)));
}

/** A change set built and, unless this contract revision's evaluation is already stored, evaluated: nothing written yet. */
interface PreparedImport {
  readonly changeSet: ChangeSet;
  readonly active: ActiveContract;
  readonly evaluation: Evaluation | null;
}

function evaluated(ws: Workspace, changeSet: ChangeSet): PreparedImport {
  const active = contractFor(ws, changeSet.metadata);
  const known = currentEvaluation(ws, changeSet.digest, active.revision.digest);
  return { changeSet, active, evaluation: known ? null : evaluateAt(changeSet, active) };
}

/**
 * One big bare plan (build-large-plan.ts) is built and evaluated on this thread while a worker
 * hashes the file and proves the rest of its JSON valid; nothing is stored until that check
 * has passed (it rejects with buildChangeSet's own error: fail closed, nothing half-stored).
 * Anything else is built as buildChangeSet builds it.
 */
async function preparedImport(ws: Workspace, source: ChangeSetSource): Promise<PreparedImport> {
  const pending = await buildLargePlanChangeSet(source);
  if (!pending) return evaluated(ws, buildChangeSet(source));
  // The first import into a workspace stores its default contract (contractFor): not before the
  // whole file is known valid, so that a bad plan stores nothing, as on the ordinary path.
  if (judgingRevision(ws, pending.changeSet.metadata) === null) await pending.verified;
  let prepared: PreparedImport;
  try {
    prepared = evaluated(ws, pending.changeSet);
  } catch (err) {
    // Invalid JSON elsewhere in the file is the error to give, not what evaluating made of the rest.
    await pending.verified;
    throw err;
  }
  await pending.verified;
  return prepared;
}

/**
 * Stores a prepared import: the source files, signatures and evaluation in one transaction. The
 * workspace may have changed while a big plan was checked (another import of it, a contract
 * saved): the contract and the stored evaluation are looked up again here, as one write.
 */
function storeImport(ws: Workspace, source: ChangeSetSource, prepared: PreparedImport): ImportChangeSetResult {
  const { changeSet } = prepared;
  const signatures = signatureAttestations(source.signatures ?? []);
  // The source files' pages are copied into the main file by a later commit, not before this one returns.
  return withDeferredCheckpoint(ws.db, () => ws.db.transaction(() => {
    const active = contractFor(ws, changeSet.metadata);
    const known = currentEvaluation(ws, changeSet.digest, active.revision.digest);
    const evaluation = known ? null : prepared.evaluation && active.revision.digest === prepared.active.revision.digest ? prepared.evaluation : evaluateAt(changeSet, active);
    const stored = ws.changeSets.importChangeSet(source, changeSet);
    // Kept as received, outside the digest; judged when read, under the contract that judges it then.
    const signed = ws.releaseSignatures.record(changeSet.digest, signatures);
    const recorded = evaluation
      ? ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: active.revision.digest, evaluation })
      : { created: false, value: known! };
    const contract = { name: active.revision.contract, revision: active.revision.revision };
    const vendorSignature = vendorSignatureOf(ws, changeSet.digest, changeSet.metadata, active.contract);
    const storedFindings = 'findings' in recorded ? recorded.findings : undefined;
    return {
      digest: changeSet.digest, created: stored.created, state: stored.value.state, evaluation: recorded.value, evaluated: recorded.created, contract, changeSet,
      signaturesStored: signed.value, vendorSignature, ...(storedFindings ? { storedFindings } : {}),
    };
  }).immediate());
}

/** Stored evaluations by an older engine that this engine re-made with the same digest (same verdict and findings). */
const confirmedByThisEngine = new WeakMap<Workspace, Set<number>>();

/**
 * The latest stored evaluation under this contract revision, if this engine made it (or made
 * the same one again). One made by another engine version (other semantics: e.g. before values
 * unknown until apply became `unknown` findings) is not shown or signed as if it were current:
 * the caller re-evaluates.
 */
export function currentEvaluation(ws: Workspace, digest: string, contractDigest: string): StoredEvaluation | null {
  const latest = ws.evaluations.latestEvaluation(digest, contractDigest);
  if (!latest) return null;
  return latest.engineVersion === ENGINE_VERSION || confirmedByThisEngine.get(ws)?.has(latest.id) ? latest : null;
}

/** A stored change set rebuilt from its stored files (never from the files it was imported from, which may have moved or changed). */
export function rebuildStored(ws: Workspace, digest: string): ChangeSet {
  const source = ws.changeSets.getChangeSetSource(digest);
  if (!source) throw new NotFoundError(digest, 'no change set with this digest in the workspace');
  const changeSet = buildChangeSet(source);
  if (changeSet.digest !== digest) throw new InputError(digest, `the stored files rebuild to ${changeSet.digest}: the workspace is damaged`);
  return changeSet;
}

/**
 * The stored change set rebuilt from its stored files, or as the caller already built it, evaluated under
 * `active` and recorded.
 */
export function evaluateStored(ws: Workspace, digest: string, active: ActiveContract, built?: ChangeSet): { readonly changeSet: ChangeSet; readonly evaluation: Evaluation; readonly stored: StoredEvaluation } {
  const changeSet = built ?? rebuildStored(ws, digest);
  if (changeSet.digest !== digest) throw new InputError(digest, `the change set given is ${changeSet.digest}`);
  const evaluation = evaluateAt(changeSet, active);
  const stored = ws.evaluations.recordEvaluation({ changeSetDigest: digest, contractDigest: active.revision.digest, evaluation }).value;
  // An older engine's row with the same digest: identical result, current from now on.
  if (stored.engineVersion !== ENGINE_VERSION) confirmedByThisEngine.set(ws, (confirmedByThisEngine.get(ws) ?? new Set()).add(stored.id));
  return { changeSet, evaluation, stored };
}

/** Change sets newest first, with their latest verdicts; all states unless one is given. */
export function listChangeSets(ws: Workspace, state?: ChangeSetState): readonly InboxItem[] {
  if (state !== undefined && !CHANGE_SET_STATES.includes(state)) {
    throw new InputError(String(state), `unknown state (expected ${CHANGE_SET_STATES.join(', ')})`);
  }
  const states = state === undefined ? CHANGE_SET_STATES : [state];
  const items: InboxItem[] = [];
  for (const s of states) {
    for (let offset = 0; ; offset += 1000) {
      const page = ws.listInbox({ state: s, limit: 1000, offset });
      items.push(...page.items);
      if (offset + page.items.length >= page.total || page.items.length === 0) break;
    }
  }
  return items.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || a.digest.localeCompare(b.digest));
}

/** One change set by digest or unique prefix, with its latest evaluation, findings, approvals and exceptions. */
export function showChangeSet(ws: Workspace, digestOrPrefix: string, options: { readonly findingsLimit?: number } = {}): ChangeSetDetail {
  const digest = ws.changeSets.resolveDigest(digestOrPrefix);
  const changeSet = ws.changeSets.getChangeSet(digest)!;
  const evaluation = ws.evaluations.latestEvaluation(digest);
  const current = judgingRevision(ws, changeSet.metadata);
  const findings = evaluation ? ws.evaluations.listFindings(evaluation.id, { limit: options.findingsLimit ?? 1000 }).findings : [];
  return {
    changeSet,
    evaluation,
    evaluationIsCurrent: evaluation !== null && current !== null && evaluation.contractDigest === current.digest,
    contract: current && { name: current.contract, revision: current.revision, digest: current.digest },
    findings,
    approvals: ws.attestations.listApprovals(digest).map(({ envelope: _envelope, ...rest }) => rest),
    exceptions: exceptionSummaries(ws, digest, evaluation),
  };
}

/**
 * Evaluated at the vendor's planned apply time when it states one (maintenance windows are
 * about when a release applies), else now: the same rule as `countersign evaluate`.
 */
function evaluateAt(changeSet: ChangeSet, active: ActiveContract): Evaluation {
  const planned = changeSet.metadata.plannedApplyAt;
  const at = planned ? new Date(planned) : new Date();
  if (Number.isNaN(at.getTime())) throw new InputError(changeSet.origin, `plannedApplyAt '${planned}' is not a valid time`);
  return evaluateChangeSet(changeSet, compiledContract(active.contract), { at });
}

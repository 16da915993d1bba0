import type { ChangeSet } from '../model/changeset';
import { buildChangeSet, readChangeSetSource, signatureAttestations } from './bundle';
import type { ChangeSetSource, ParsedSignatureFile } from './bundle';
import { buildLargePlanChangeSet } from './bundle/build-large-plan';
import type { PendingChangeSet } from './bundle/build-large-plan';

export type { PendingChangeSet } from './bundle/build-large-plan';

/**
 * Loads a change set from what the user named: a bundle folder, a .tar.gz/.tgz/.zip bundle,
 * or bare plan/manifest files. Bad input throws InputError naming the file (and line).
 */
export async function loadChangeSet(inputs: readonly string[]): Promise<ChangeSet> {
  const { changeSet, verified } = await startLoadingChangeSet(inputs);
  await verified;
  return changeSet;
}

/**
 * loadChangeSet for callers that can do useful work while a big plan is still being checked
 * on another thread (`countersign evaluate`): the change set comes back before the check
 * ends, and nothing about it may be shown or written until `verified` resolves (it rejects
 * with the InputError loadChangeSet would have thrown).
 */
export async function startLoadingChangeSet(inputs: readonly string[]): Promise<PendingChangeSet> {
  return pendingChangeSet(await readChangeSetSource(inputs, { sharedMemory: true }));
}

/** A big bare plan built while a worker checks the rest of it (build-large-plan.ts); anything else built at once. */
async function pendingChangeSet(source: ChangeSetSource): Promise<PendingChangeSet> {
  return (await buildLargePlanChangeSet(source)) ?? { changeSet: buildChangeSet(source), verified: Promise.resolve() };
}

/**
 * loadChangeSet, with the bundle's vendor release signatures (its signatures/ folder, outside
 * the digest) read as attestations: `countersign verify` checks them under the contract.
 */
export async function loadChangeSetWithSignatures(inputs: readonly string[]): Promise<{ readonly changeSet: ChangeSet; readonly signatures: readonly ParsedSignatureFile[] }> {
  const source = await readChangeSetSource(inputs, { sharedMemory: true });
  const { changeSet, verified } = await pendingChangeSet(source);
  await verified;
  return { changeSet, signatures: signatureAttestations(source.signatures ?? []) };
}

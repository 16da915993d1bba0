import type { ChangeSet } from '../model/changeset';
import { buildChangeSet, readChangeSetSource } from './bundle';

/**
 * Loads a change set from what the user named: a bundle folder, a .tar.gz/.tgz/.zip bundle,
 * or bare plan/manifest files. Bad input throws InputError naming the file (and line).
 */
export async function loadChangeSet(inputs: readonly string[]): Promise<ChangeSet> {
  return buildChangeSet(await readChangeSetSource(inputs));
}

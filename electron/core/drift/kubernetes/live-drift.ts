// fallback until D2 lands: D2's electron/core/drift/kubernetes/live-drift.ts replaces this file whole.
import type { ChangeSet } from '../../model/changeset';
import { InputError } from '../../model/errors';
import type { ResourceChange } from '../../model/resource-change';
import type { DriftItem } from '../drift-types';

/** Live Kubernetes objects compared with the approved manifests (D2). */
export function kubernetesDrift(_approved: ChangeSet, file: string, _liveText: string): { readonly items: DriftItem[]; readonly liveResources: ResourceChange[] } {
  throw new InputError(file, 'Kubernetes live drift is not available in this build yet', 1, 1);
}

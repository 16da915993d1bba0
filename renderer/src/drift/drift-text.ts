/** Words for drift on screen (issue 12): kinds, snapshot kinds and acknowledgement modes. */
import type { DriftAcknowledgementModeDto, DriftItemKindDto, DriftSnapshotKindDto } from '../../../electron/shared/api-types';

export const KIND_LABEL: Readonly<Record<DriftItemKindDto, string>> = {
  changed: 'Changed',
  added: 'Added outside the pipeline',
  removed: 'Removed',
};

export const SNAPSHOT_LABEL: Readonly<Record<DriftSnapshotKindDto, string>> = {
  'terraform-refresh-plan': 'Terraform refresh-only plan',
  'terraform-state': 'Terraform state',
  'kubernetes-live': 'Live Kubernetes objects',
};

export const MODE_LABEL: Readonly<Record<DriftAcknowledgementModeDto, string>> = {
  acknowledged: 'Acknowledged',
  'revert-by-vendor': 'To be reverted by the vendor',
};

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

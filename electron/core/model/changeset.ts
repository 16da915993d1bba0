import type { ResourceChange } from './resource-change';

export interface ChangeSetMetadata {
  readonly vendor: string;
  readonly app: string;
  readonly install: string;
  readonly release: string;
  readonly previousRelease: string;
  /** ISO-8601 strings, '' when not given. */
  readonly createdAt: string;
  readonly plannedApplyAt: string;
  readonly description: string;
}

/** Where a stored change set stands in review (the store keeps it; the API and the UI show it). */
export type ChangeSetState = 'pending' | 'approved' | 'rejected' | 'superseded';
export const CHANGE_SET_STATES: readonly ChangeSetState[] = ['pending', 'approved', 'rejected', 'superseded'];

export type ArtifactKind = 'terraform-plan' | 'kubernetes' | 'image-list';

export interface ArtifactInfo {
  readonly kind: ArtifactKind;
  readonly path: string;
  readonly previous?: string;
  readonly component: string;
  /** sha256 hex of the artifact bytes. */
  readonly sha256: string;
  readonly bytes: number;
  readonly resourceCount: number;
}

/** One entry of the canonical listing that the change-set digest is computed over. */
export interface ListedFile {
  /** Bundle-relative POSIX path. */
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface ChangeSet {
  /** `sha256:<hex>` over the canonical listing (see bundle/digest.ts). */
  readonly digest: string;
  readonly metadata: ChangeSetMetadata;
  readonly artifacts: readonly ArtifactInfo[];
  readonly files: readonly ListedFile[];
  readonly resources: readonly ResourceChange[];
  /** Where it was loaded from (folder, archive or first bare file). */
  readonly origin: string;
}

export const EMPTY_METADATA: ChangeSetMetadata = Object.freeze({
  vendor: '', app: '', install: '', release: '', previousRelease: '',
  createdAt: '', plannedApplyAt: '', description: '',
});

// Issue 12: drift — what a live snapshot says has changed since the last approved change set.
// Shared by the Terraform (D1) and Kubernetes (D2) comparisons, the drift report, the
// workspace (D3), the CLI `drift` command and the audit reports. Change only by agreement in
// the plan (/work/briefs/plan-s12b.md); owner D1.
import type { Evaluation } from '../model/finding';
import type { ResourceSource, SourceLocation } from '../model/resource-change';

/** changed: a field differs; added: live but never approved ("added outside the pipeline"); removed: approved but missing live. */
export type DriftKind = 'changed' | 'added' | 'removed';

/** One field that differs, with masked values (a Secret's data or a sensitive attribute never appears). */
export interface FieldDrift {
  /** Field path from the resource's root (Terraform attribute path; Kubernetes object path). */
  readonly path: readonly (string | number)[];
  /** The approved value, masked and rendered for display ('(absent)' when the field was not set). */
  readonly approved: string;
  /** The live value, masked and rendered ('(absent)' when the field is gone). */
  readonly live: string;
  /** Kubernetes: the field manager that owns the live value when it is not the vendor's ("changed by <manager>"). */
  readonly changedBy?: string;
}

export interface DriftItem {
  /**
   * `sha256:<hex>` over canonical JSON {install, source, address, kind, fields: [{path, live}]}:
   * an acknowledgement names this key, so a later, different drift of the same resource is new.
   */
  readonly key: string;
  readonly source: ResourceSource;
  /** Terraform address, or Kubernetes `Kind/namespace/name` as the loaders write addresses. */
  readonly address: string;
  readonly type: string;
  readonly kind: DriftKind;
  /** Field-level differences (empty for added/removed). Fields changed only by other managers are listed with changedBy. */
  readonly fields: readonly FieldDrift[];
  /** True when every changed field is owned by another field manager (not vendor drift). */
  readonly otherManagersOnly: boolean;
  /**
   * Where the snapshot shows the resource (a refresh-only plan's drift entry, the state entry, the
   * live object); absent for a resource the snapshot lacks (removed, compared with state or live objects).
   */
  readonly location?: SourceLocation;
}

/** Which kind of snapshot a drift report was computed from. */
export type DriftSnapshotKind = 'terraform-refresh-plan' | 'terraform-state' | 'kubernetes-live';

export interface DriftReport {
  readonly driftVersion: 1;
  readonly install: string;
  readonly snapshot: { readonly kind: DriftSnapshotKind; readonly file: string; readonly sha256: string };
  /** The approved change set compared against ('' for a refresh-only plan, which carries its own before/after). */
  readonly approvedChangeSet: string;
  readonly items: readonly DriftItem[];
  /** The drifted resources (their live state) evaluated under the current contract. */
  readonly evaluation: Evaluation;
  readonly contractDigest: string;
  readonly createdAt: string;
}

import type { CompiledContract } from '../engine/compile/compile-contract';
import { evaluateChangeSet } from '../engine/evaluate/evaluate-changeset';
import { sha256Digest } from '../hashing/canonical-digest';
import type { ChangeSet } from '../model/changeset';
import { EMPTY_METADATA } from '../model/changeset';
import { InputError } from '../model/errors';
import type { ResourceChange } from '../model/resource-change';
import type { DriftItem, DriftReport, DriftSnapshotKind } from './drift-types';
import { kubernetesDrift } from './kubernetes/live-drift';
import type { KubernetesDriftOptions } from './kubernetes/live-drift';
import { copyResource } from './resource-copy';
import type { DriftSnapshot } from './load-snapshot';
import type { DriftComparison } from './refresh-plan-drift';
import { terraformRefreshDrift } from './refresh-plan-drift';
import { terraformStateDrift } from './state-drift';

export interface DriftReportInput {
  readonly install: string;
  readonly snapshot: { readonly kind: DriftSnapshotKind; readonly file: string; readonly sha256: string };
  /** The last approved change set of the install (null: none; a refresh-only plan needs none). */
  readonly approvedChangeSet: ChangeSet | null;
  readonly items: readonly DriftItem[];
  /** The live state of the drifted resources (removed ones as deletes). */
  readonly liveResources: readonly ResourceChange[];
  readonly contract: CompiledContract;
  readonly at: Date;
}

/**
 * `sha256:<hex>` naming one drift of one resource: an acknowledgement names it, so a later,
 * different drift of the same resource (other fields, other live values) is a new item.
 * Values are the masked ones: two different secrets give the same key (a key never carries a
 * hash of a secret, which could be guessed).
 */
export function driftItemKey(install: string, item: Pick<DriftItem, 'source' | 'address' | 'kind' | 'fields'>): string {
  return sha256Digest({
    install, source: item.source, address: item.address, kind: item.kind,
    fields: item.fields.map((f) => ({ path: [...f.path], live: f.live })),
  });
}

/**
 * The drift report of one snapshot: every item keyed for the install, sorted by address, and
 * the drifted resources' live state evaluated under the current contract like any change set,
 * so a console edit that opens a security group to 0.0.0.0/0 is a finding like any other.
 */
export function buildDriftReport(input: DriftReportInput): DriftReport {
  const items = input.items
    .map((item) => ({ ...item, key: driftItemKey(input.install, item) }))
    .sort((a, b) => compare(a.address, b.address) || compare(a.kind, b.kind) || compare(a.key, b.key));
  const drifted = new Set(items.map((i) => i.address));
  const resources = input.liveResources.filter((r) => drifted.has(r.address)).map((r) => (r.drift ? r : copyResource(r, { drift: true })));
  const approved = input.approvedChangeSet;
  const live: ChangeSet = {
    digest: approved?.digest ?? `sha256:${input.snapshot.sha256}`,
    metadata: approved?.metadata ?? { ...EMPTY_METADATA, install: input.install },
    artifacts: [], files: [], resources, origin: input.snapshot.file,
  };
  return {
    driftVersion: 1,
    install: input.install,
    snapshot: { kind: input.snapshot.kind, file: input.snapshot.file, sha256: input.snapshot.sha256 },
    approvedChangeSet: input.snapshot.kind === 'terraform-refresh-plan' ? '' : (approved?.digest ?? ''),
    items,
    evaluation: evaluateChangeSet(live, input.contract, { at: input.at }),
    contractDigest: input.contract.contract.digest,
    createdAt: input.at.toISOString(),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compares a snapshot with what it is compared against, by kind: a refresh-only plan carries
 * its own before/after; state and live Kubernetes objects need the approved change set.
 */
export function compareSnapshot(snapshot: DriftSnapshot, approved: ChangeSet | null, kubernetes: KubernetesDriftOptions = {}): DriftComparison {
  if (snapshot.kind === 'terraform-refresh-plan') return terraformRefreshDrift(snapshot.file, snapshot.text);
  if (!approved) {
    throw new InputError(snapshot.file, 'no approved change set for this install to compare with: approve one first (a refresh-only plan needs none)');
  }
  if (snapshot.kind === 'terraform-state') return terraformStateDrift(approved, snapshot.file, snapshot.text);
  return kubernetesDrift(approved, snapshot.file, snapshot.text, kubernetes);
}

/**
 * One snapshot's drift report in one call (compareSnapshot, then buildDriftReport): what the
 * CLI, the watched `drift/` folder and the app's import do with each snapshot file.
 */
export function driftReportForSnapshot(
  input: Omit<DriftReportInput, 'snapshot' | 'items' | 'liveResources'> & { readonly snapshot: DriftSnapshot; readonly kubernetes?: KubernetesDriftOptions },
): DriftReport {
  const { items, liveResources } = compareSnapshot(input.snapshot, input.approvedChangeSet, input.kubernetes);
  return buildDriftReport({ ...input, items, liveResources });
}

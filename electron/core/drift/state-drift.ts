import { maskSensitive } from '../loaders/terraform/sensitive-values';
import type { ChangeSet } from '../model/changeset';
import { InputError } from '../model/errors';
import type { ResourceChange, SourceLocation } from '../model/resource-change';
import { SENSITIVE_MASK } from '../model/resource-change';
import type { DriftItem } from './drift-types';
import { diffFields } from './field-diff';
import type { DriftComparison } from './refresh-plan-drift';
import { parseSnapshotJson } from './snapshot-json';
import { STATE_STRUCTURE, readStateResources } from './state-resources';
import type { StateResource } from './state-resources';

/**
 * `terraform show -json` of the current state, compared with the planned values (each
 * resource's `after`) of the approved change set. Rules (docs/drift.md):
 * - attributes unknown in the approved plan (`after_unknown`) are not drift, nor anything under them;
 * - a sensitive value the approved plan masked cannot be compared (Countersign never keeps it):
 *   only its removal is drift; live values marked in `sensitive_values`, or masked in the approved
 *   plan, are masked in the report and in what the contract sees;
 * - a managed resource in the state that the approved plan does not create or keep is "added
 *   outside the pipeline" (also one the approved plan deletes, and a deposed object);
 * - one the approved plan keeps but the state lacks is "removed";
 * - data sources are reads, never drift.
 */
export function terraformStateDrift(approved: ChangeSet, file: string, text: string): DriftComparison {
  const { value, positions } = parseSnapshotJson(file, text, STATE_STRUCTURE);
  const live = readStateResources(file, value, positions);
  const planned = approvedResources(approved);
  const items: DriftItem[] = [];
  const liveResources: ResourceChange[] = [];
  const seen = new Set<string>();
  for (const r of live) {
    if (r.mode === 'data') continue;
    // Same address, other type: not the approved resource (that one is then removed).
    const candidate = r.deposedKey === '' ? planned.get(r.address) : undefined;
    const a = candidate?.type === r.type ? candidate : undefined;
    if (a) seen.add(r.address);
    const liveMasked: string[] = [];
    const approvedMarker = a ? maskMarker(a.after, 0) : undefined;
    const masked = maskSensitive(maskSensitive(r.values, r.sensitiveMarker, r.location, liveMasked), approvedMarker, r.location, liveMasked);
    const address = r.deposedKey === '' ? r.address : `${r.address} (deposed ${r.deposedKey})`;
    if (!a || a.action === 'delete') {
      items.push({ key: '', source: 'terraform', address, type: r.type, kind: 'added', fields: [], otherManagersOnly: false, location: r.location });
      liveResources.push(liveResource(r, address, 'create', null, masked, liveMasked, a));
      continue;
    }
    if (a.unknownPaths.includes('')) continue;
    const approvedMasked = maskSensitive(a.after, r.sensitiveMarker, r.location, []);
    const fields = diffFields({ raw: a.after, masked: approvedMasked }, { raw: r.values, masked }, {
      file, line: r.location.line, skip: new Set(a.unknownPaths), approvedHidden: new Set(a.sensitivePaths),
    });
    if (fields.length === 0) continue;
    items.push({ key: '', source: 'terraform', address, type: r.type, kind: 'changed', fields, otherManagersOnly: false, location: r.location });
    liveResources.push(liveResource(r, address, 'update', approvedMasked, masked, liveMasked, a));
  }
  for (const [address, a] of planned) {
    if (seen.has(address) || a.action === 'delete') continue;
    items.push({ key: '', source: 'terraform', address, type: a.type, kind: 'removed', fields: [], otherManagersOnly: false });
    liveResources.push({ ...a, action: 'delete', actions: ['delete'], before: a.after, after: null, unknownPaths: [], drift: true });
  }
  return { items, liveResources };
}

/** terraformStateDrift's items (the plan's API name). */
export function terraformDriftFromState(approved: ChangeSet, file: string, text: string): DriftItem[] {
  return [...terraformStateDrift(approved, file, text).items];
}

/** The approved change set's managed Terraform resources by address (a data source read is not infrastructure). */
function approvedResources(approved: ChangeSet): Map<string, ResourceChange> {
  const out = new Map<string, ResourceChange>();
  for (const r of approved.resources) {
    if (r.source !== 'terraform' || r.mode !== 'managed' || r.drift) continue;
    if (out.has(r.address)) {
      // Two plans of one bundle (components) manage the same address: which one this state
      // belongs to cannot be told, and guessing could hide drift.
      throw new InputError(approved.origin, `the approved change set plans ${r.address} twice (two components): drift against a state file needs one Terraform plan per address`);
    }
    out.set(r.address, r);
  }
  return out;
}

/**
 * A sensitivity marker (`true` where a value is sensitive) from a masked value: wherever the
 * approved plan shows the mask, the live value is masked too.
 */
function maskMarker(masked: unknown, depth: number): unknown {
  if (masked === SENSITIVE_MASK) return true;
  if (typeof masked !== 'object' || masked === null || depth > 256) return undefined;
  if (Array.isArray(masked)) {
    const list = masked.map((v) => maskMarker(v, depth + 1));
    return list.some((m) => m !== undefined) ? list.map((m) => m ?? false) : undefined;
  }
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(masked)) {
    const m = maskMarker(v, depth + 1);
    if (m !== undefined) Object.defineProperty((out ??= {}), k, { value: m, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function liveResource(
  r: StateResource, address: string, action: 'create' | 'update', before: unknown, after: unknown, sensitivePaths: readonly string[], approved: ResourceChange | undefined,
): ResourceChange {
  const location: SourceLocation = r.location;
  return {
    source: 'terraform', address, type: r.type, name: r.name, namespace: '', clusterScoped: false, apiVersion: r.provider,
    action, actions: [action], mode: 'managed', before, after, unknownPaths: [], sensitivePaths: [...new Set(sensitivePaths)],
    drift: true, location, component: approved?.component ?? '', module: r.module, actionReason: '',
  };
}

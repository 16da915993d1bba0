import { normalizeTerraformPlan } from '../loaders/terraform/normalize-plan';
import { isObject } from '../loaders/terraform/plan-format';
import { InputError } from '../model/errors';
import type { ResourceChange } from '../model/resource-change';
import type { DriftItem, DriftKind } from './drift-types';
import { diffFields } from './field-diff';
import { copyResource } from './resource-copy';
import { parseSnapshotJson } from './snapshot-json';

/** The keys that lead to drift entries and their changes (their keys are checked: snapshot-json.ts). */
const PLAN_STRUCTURE: ReadonlySet<string> = new Set(['resource_drift', 'change']);

/** The drift a snapshot shows, and the live state of each drifted resource (what the contract judges). */
export interface DriftComparison {
  readonly items: readonly DriftItem[];
  readonly liveResources: readonly ResourceChange[];
}

/**
 * A refresh-only plan (`terraform plan -refresh-only -out F`, then `terraform show -json F`):
 * its `resource_drift` lists what changed outside Terraform since the last apply, `before` as
 * Terraform last recorded it, `after` as it is now. Rules (docs/drift.md):
 * - an update (or replace) is "changed", with field diffs computed on the raw values and shown
 *   masked: a changed sensitive value is drift that shows only "(sensitive value)";
 * - a delete is "removed" (deleted outside Terraform);
 * - a create (Terraform does not write one; a hand-made entry) is "added";
 * - an update or no-op whose raw before and after are equal is no drift (Terraform 1.0.0 listed
 *   such entries; later versions omit them); one that differs is "changed", whatever its action;
 * - data sources (`mode: data`) are reads, never drift.
 * The plan is validated by the plan loader (entries, actions, markers, nesting) and read strictly
 * (snapshot-json.ts). Items carry no key yet: buildDriftReport gives it (it needs the install).
 */
export function terraformRefreshDrift(file: string, text: string): DriftComparison {
  const { value } = parseSnapshotJson(file, text, PLAN_STRUCTURE);
  const drifted = normalizeTerraformPlan(file, text, value).filter((r) => r.drift);
  const entries = isObject(value) && Array.isArray(value.resource_drift) ? value.resource_drift : [];
  const items: DriftItem[] = [];
  const liveResources: ResourceChange[] = [];
  const seen = new Set<string>();
  drifted.forEach((rc, i) => {
    const entry = entries[i] as { change: Record<string, unknown>; deposed?: unknown };
    // Terraform lists each object once: a second entry for it could say the opposite of the first.
    const id = JSON.stringify([rc.address, typeof entry.deposed === 'string' ? entry.deposed : '']);
    if (seen.has(id)) throw new InputError(file, `resource_drift lists ${rc.address} twice: readers disagree on which entry counts`, rc.location.line, rc.location.column);
    seen.add(id);
    if (rc.mode === 'data') return;
    const change = entry.change;
    const kind = kindOf(rc);
    const fields = kind === 'changed'
      ? diffFields({ raw: change.before ?? null, masked: rc.before }, { raw: change.after ?? null, masked: rc.after }, { file, line: rc.location.line })
      : [];
    // Terraform 1.0.0 listed unchanged objects as updates (later versions omit them): equal raw
    // values, sensitive ones included, are no drift whatever the action says.
    if (kind === 'changed' && fields.length === 0) return;
    const deposed = typeof entry.deposed === 'string' && entry.deposed !== '' ? entry.deposed : '';
    const live = deposed === '' ? rc : copyResource(rc, { address: `${rc.address} (deposed ${deposed})` });
    items.push({ key: '', source: 'terraform', address: live.address, type: rc.type, kind, fields, otherManagersOnly: false, location: rc.location });
    liveResources.push(live);
  });
  return { items, liveResources };
}

function kindOf(rc: ResourceChange): DriftKind {
  if (rc.action === 'delete') return 'removed';
  if (rc.action === 'create') return 'added';
  return 'changed';
}

/** terraformRefreshDrift's items (the plan's API name). */
export function terraformDriftFromRefreshPlan(file: string, text: string): DriftItem[] {
  return [...terraformRefreshDrift(file, text).items];
}

import type { ContractEdit } from '../../../base/contract-edits';
import { EditProblem, getIn } from './edit-document';
import type { EditContext } from './edit-context';
import { dataOf, deletePruning, plainValue, requireKnownPolicy, write } from './contract-model';
import { upgradeToV3 } from './upgrade-v3';
import { upgradeToV4 } from './upgrade-v4';
import { setIn } from './write';

type Op<K extends ContractEdit['op']> = Extract<ContractEdit, { op: K }>;

export function setParameter(text: string, e: Op<'setParameter'>, ctx: EditContext): string {
  requireKnownPolicy(text, e.policy, ctx);
  const what = `parameter "${e.name}" of policy "${e.policy}"`;
  return setIn(text, ['spec', 'parameters', e.policy, e.name], plainValue(e.value, what), write(what));
}

export function clearParameter(text: string, e: Op<'clearParameter'>, ctx: EditContext): string {
  // A stale entry (its policy gone) may still be cleared: that is how it gets fixed.
  if (getIn(dataOf(text), ['spec', 'parameters', e.policy]) === undefined) requireKnownPolicy(text, e.policy, ctx);
  return deletePruning(text, ['spec', 'parameters', e.policy, e.name], `parameter "${e.name}" of policy "${e.policy}"`);
}

export function setOverride(text: string, e: Op<'setOverride'>, ctx: EditContext): string {
  const clear = e.clear ?? [];
  const both = clear.find((f) => e[f] !== undefined);
  if (both) throw new EditProblem(`setOverride both sets and clears "${both}" of policy "${e.policy}"`);
  if (getIn(dataOf(text), ['spec', 'overrides', e.policy]) === undefined || clear.length === 0) requireKnownPolicy(text, e.policy, ctx);
  let out = e.shadow !== undefined ? upgradeToV3(text) : text;
  const what = `the override of "${e.policy}"`;
  for (const f of ['enforcement', 'enabled', 'shadow'] as const) {
    const v = e[f];
    if (v !== undefined) out = setIn(out, ['spec', 'overrides', e.policy, f], v, write(what));
  }
  for (const f of clear) out = deletePruning(out, ['spec', 'overrides', e.policy, f], what);
  return out;
}

export function setApprovals(text: string, e: Op<'setApprovals'>): string {
  let out = text;
  for (const f of ['quorum', 'exceptionQuorum', 'maxExceptionDays'] as const) {
    const v = e[f];
    if (v !== undefined) out = setIn(out, ['spec', 'approvals', f], v, write(`approvals.${f}`));
  }
  const sod = e.separationOfDuties;
  if (sod !== undefined) {
    // Separation of duties is countersign.dev/v4: writing it upgrades the contract.
    out = upgradeToV4(out);
    for (const f of ['requesterMayWaiveAlone', 'approverMaySignReliedExceptions'] as const) {
      const v = sod[f];
      if (v !== undefined) out = setIn(out, ['spec', 'approvals', 'separationOfDuties', f], v, write(`approvals.separationOfDuties.${f}`));
    }
  }
  return out;
}

/** `vendorSignature: optional | required` (countersign.dev/v4: writing it upgrades the contract). */
export function setVendorSignature(text: string, e: Op<'setVendorSignature'>): string {
  return setIn(upgradeToV4(text), ['spec', 'vendorSignature'], e.rule, write('vendorSignature'));
}

export function setMetadata(text: string, e: Op<'setMetadata'>): string {
  let out = text;
  if (e.vendor !== undefined) out = setIn(out, ['metadata', 'vendor'], e.vendor, write('metadata.vendor'));
  if (e.install === null || e.install === '') out = deletePruning(out, ['metadata', 'install'], 'metadata.install');
  else if (e.install !== undefined) out = setIn(upgradeToV3(out), ['metadata', 'install'], e.install, write('metadata.install'));
  return out;
}

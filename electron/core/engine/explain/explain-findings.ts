import type { ChangeSet } from '../../model/changeset';
import type { Finding } from '../../model/finding';
import type { ResourceChange } from '../../model/resource-change';
import type { CompiledContract } from '../compile/compile-contract';
import type { CompiledPolicy } from '../compile/compile-policy';
import { changesetVariable } from '../evaluate/evaluate-changeset';
import type { ResourceActivation } from '../evaluate/evaluate-changeset';
import { explainFinding, prepareResource } from './explain-finding';
import type { PreparedResource } from './explain-finding';
import type { Explanation } from '../../model/explanation';
import { atOrBefore } from '../../base/source-order';

/** What explaining a finding reads of it (a stored finding has the same fields). */
export type ExplainedFinding = Pick<Finding, 'policy' | 'resource' | 'location'>;

/**
 * The explanation of each finding, in order; null for a finding no policy of the contract
 * made (the built-in input-integrity check) or whose resource is not in the change set. One
 * pass over the resources, then each finding is explained with its condition's compiled plan
 * (shared by every finding of that policy). `activations`: what evaluateChangeSet kept
 * (keepActivations) of the same change set, used instead of building it again.
 */
export function explainFindings(
  cs: Pick<ChangeSet, 'digest' | 'metadata' | 'resources'>, compiled: CompiledContract, findings: readonly ExplainedFinding[], at: Date,
  activations?: ReadonlyMap<ResourceChange, ResourceActivation>,
): (Explanation | null)[] {
  if (findings.length === 0) return [];
  const policies = new Map<string, CompiledPolicy>(compiled.policies.map((cp) => [cp.policy.id, cp]));
  const byAddress = resourcesByAddress(cs.resources);
  const inputs = { changeset: changesetVariable(cs), at };
  // A resource's findings come one after another (the evaluation's order): its activation is
  // built once for all of them.
  let last: ResourceChange | undefined;
  let prepared: PreparedResource | undefined;
  return findings.map((f) => {
    const cp = policies.get(f.policy);
    const r = cp ? findingResource(byAddress, f) : undefined;
    if (!cp || !r) return null;
    if (r !== last || !prepared) {
      last = r;
      const kept = activations?.get(r);
      prepared = kept ? { ok: true, ...kept } : prepareResource(r);
    }
    return explainFinding(cp, r, inputs, prepared);
  });
}

export function resourcesByAddress(resources: readonly ResourceChange[]): ReadonlyMap<string, readonly ResourceChange[]> {
  const out = new Map<string, ResourceChange[]>();
  for (const r of resources) {
    const list = out.get(r.address);
    if (list) list.push(r);
    else out.set(r.address, [r]);
  }
  return out;
}

/**
 * The resource a finding is about. Addresses repeat (the same object in two files, a drift entry
 * beside its change): then the last resource of that address in the finding's file that starts
 * at or before the finding's line and column, else the first of that address (the review plan's rule for
 * a finding's resource row).
 */
export function findingResource(byAddress: ReadonlyMap<string, readonly ResourceChange[]>, f: ExplainedFinding): ResourceChange | undefined {
  const candidates = byAddress.get(f.resource.address);
  if (!candidates || candidates.length <= 1) return candidates?.[0];
  let best: ResourceChange | undefined;
  for (const r of candidates) {
    if (r.location.file === f.location.file && r.drift === f.resource.drift && atOrBefore(r.location, f.location) && (!best || atOrBefore(best.location, r.location))) best = r;
  }
  return best ?? candidates.find((r) => r.drift === f.resource.drift) ?? candidates[0];
}

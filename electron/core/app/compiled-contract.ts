import { compileContract, compilePolicyLazily } from '../engine';
import type { CompiledContract, CompiledPolicy, ResolvedContract } from '../engine';

/**
 * A resolved contract compiled once (its CEL programs), however many change sets are evaluated
 * or findings explained under it: evaluation and the explain stage share it, so the first
 * resource opened after an import does not compile the contract again.
 */
const compiledContracts = new WeakMap<ResolvedContract, CompiledContract>();

export function compiledContract(contract: ResolvedContract): CompiledContract {
  let c = compiledContracts.get(contract);
  if (!c) compiledContracts.set(contract, (c = compileContract(contract)));
  return c;
}

const compiledPoliciesByContract = new WeakMap<ResolvedContract, Map<string, CompiledPolicy>>();

/**
 * The contract with only the named policies compiled (each once per contract), or the whole
 * compiled contract when this process has it already (after an import or an evaluation).
 * Explaining one resource's findings needs their few policies: after a restart, opening the
 * first resource compiles those, not every policy of the contract, and of those only what the
 * explain stage reads (compilePolicyLazily: the contract compiled when it judged the findings,
 * and a part that no longer compiles throws on use, which the explanation reports).
 */
export function compiledPolicies(contract: ResolvedContract, ids: ReadonlySet<string>): CompiledContract {
  const whole = compiledContracts.get(contract);
  if (whole) return whole;
  let cache = compiledPoliciesByContract.get(contract);
  if (!cache) compiledPoliciesByContract.set(contract, (cache = new Map()));
  const policies: CompiledPolicy[] = [];
  for (const p of contract.policies) {
    if (!ids.has(p.id)) continue;
    let cp = cache.get(p.id);
    if (!cp) cache.set(p.id, (cp = compilePolicyLazily(p, contract.parameters[p.id] ?? {})));
    policies.push(cp);
  }
  return { contract, policies };
}

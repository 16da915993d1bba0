import { compileContract } from '../engine';
import type { CompiledContract, ResolvedContract } from '../engine';

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

import type { ResolvedContract } from '../contract/resolved-contract';
import { compilePolicy } from './compile-policy';
import type { CompiledPolicy } from './compile-policy';

export interface CompiledContract {
  readonly contract: ResolvedContract;
  readonly policies: readonly CompiledPolicy[];
}

/** Compiles every policy of a contract once (disabled ones too: a broken policy is rejected either way). */
export function compileContract(c: ResolvedContract): CompiledContract {
  return {
    contract: c,
    policies: c.policies.map((p) => compilePolicy(p, c.parameters[p.id] ?? {})),
  };
}

import { canonicalJson } from '../../base/canonical-json';
import { compilePolicy } from '../../engine';
import type { CompiledContract, CompiledPolicy, ResolvedContract } from '../../engine';
import type { Policy } from '../../model/policy';

/**
 * What a compiled policy is made of: its CEL texts, match block, parameter declarations, the
 * title (the message of a policy without one) and the effective parameter values. Enforcement,
 * severity, enabled and the policy's place in the file are not: they are read from the policy
 * object each evaluation is given, so an override or an edit elsewhere in the contract reuses
 * the compiled programs.
 */
export function policyCompileKey(p: Policy, params: Readonly<Record<string, unknown>>): string | null {
  const defaults = Object.fromEntries(Object.entries(p.parameters).map(([name, d]) => [name, d.default]));
  try {
    return canonicalJson({
      condition: p.condition,
      message: p.message,
      path: p.path ?? null,
      title: p.title,
      // An absent criterion may be present as undefined; it means the same as no member.
      match: Object.fromEntries(Object.entries(p.match).filter(([, v]) => v !== undefined)),
      // compilePolicy's own merge (defaults, then the values given) decides `params` in CEL.
      params: { ...defaults, ...params },
    });
  } catch {
    return null; // a value canonical JSON refuses: compiled every time, never shared
  }
}

/**
 * Compiled policies keyed by policyCompileKey, least recently used dropped first. Editing one
 * policy of a draft recompiles that policy only; every other policy comes from here.
 * A policy that does not compile is never kept: compiling it again gives its error (with the
 * line of the draft it is on now).
 */
export class PolicyCompileCache {
  private readonly entries = new Map<string, CompiledPolicy>();
  hits = 0;
  misses = 0;

  constructor(private readonly size = 2000) {}

  compileContract(c: ResolvedContract): CompiledContract {
    return { contract: c, policies: c.policies.map((p) => this.compilePolicy(p, c.parameters[p.id] ?? {})) };
  }

  compilePolicy(p: Policy, params: Readonly<Record<string, unknown>>): CompiledPolicy {
    const key = policyCompileKey(p, params);
    if (key === null) {
      this.misses++;
      return compilePolicy(p, params);
    }
    let compiled = this.entries.get(key);
    if (compiled) {
      this.hits++;
      this.entries.delete(key);
    } else {
      this.misses++;
      compiled = compilePolicy(p, params);
    }
    this.entries.set(key, compiled);
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return compiled.policy === p ? compiled : forPolicy(compiled, p);
  }
}

/**
 * The compiled programs of `compiled` for policy `p` (same compile key: only enforcement,
 * severity, enabled, id or position may differ). Getters, so a lazily compiled pack policy
 * (verified-expressions.ts) stays lazy and is compiled once for every draft that shares it.
 */
function forPolicy(compiled: CompiledPolicy, p: Policy): CompiledPolicy {
  const out = {
    policy: p,
    params: compiled.params,
    matches: compiled.matches,
    get condition() {
      return compiled.condition;
    },
    get message() {
      return compiled.message;
    },
  };
  if ('path' in compiled) Object.defineProperty(out, 'path', { enumerable: true, get: () => compiled.path });
  return out;
}

import { evaluateChangeSet, verdictOf } from '../../engine';
import type { CompiledContract, CompiledPolicy } from '../../engine';
import type { Finding, Verdict } from '../../model/finding';
import type { LoadedChangeSet } from './change-set-cache';
import { policyCompileKey } from './policy-compile-cache';

/** A change set's findings and verdict under a draft. */
export interface DraftEvaluation {
  readonly findings: readonly Finding[];
  readonly verdict: Verdict;
  readonly at: string;
}

/** Per-policy results kept per change set: enough for every policy of a few drafts. */
const RESULTS_KEPT = 512;

/**
 * What a policy's findings on a change set depend on besides the change set and the time:
 * its compiled programs (policyCompileKey) and the fields a finding copies from the policy.
 * null: not shareable (see policyCompileKey).
 */
export function policyResultKeys(compiled: CompiledContract): ReadonlyMap<CompiledPolicy, string | null> {
  return new Map(compiled.policies.map((cp) => {
    const compileKey = policyCompileKey(cp.policy, compiled.contract.parameters[cp.policy.id] ?? {});
    const p = cp.policy;
    return [cp, compileKey === null ? null : JSON.stringify([compileKey, p.id, p.title, p.enforcement, p.severity, p.remediation])];
  }));
}

/**
 * The draft's evaluation of a change set. Each policy is evaluated on its own and its findings
 * kept with the parsed change set, so a draft that edits one policy evaluates that policy
 * only. The engine evaluates each policy independently of the others (evaluate-changeset.ts:
 * same activation, same resource view, per-policy findings), so the findings are the engine's,
 * grouped by policy instead of by resource; the verdict does not depend on order. Without
 * `keys`, the engine's own single run (the reference the property tests compare against).
 */
export function evaluateDraft(loaded: LoadedChangeSet, compiled: CompiledContract, at: Date, keys?: ReadonlyMap<CompiledPolicy, string | null>): DraftEvaluation {
  if (!keys) {
    const e = evaluateChangeSet(loaded.changeSet, compiled, { at });
    return { findings: e.findings, verdict: e.verdict, at: e.at };
  }
  const time = String(at.getTime());
  const run = (policies: readonly CompiledPolicy[]) => evaluateChangeSet(loaded.changeSet, { contract: compiled.contract, policies }, { at }).findings;
  const kept = (key: string | null): readonly Finding[] | undefined => (key === null ? undefined : loaded.results.get(`${time}\u0000${key}`));
  const keep = (key: string | null, findings: readonly Finding[]): void => {
    if (key === null) return;
    if (loaded.results.size >= RESULTS_KEPT) loaded.results.clear();
    loaded.results.set(`${time}\u0000${key}`, findings);
  };
  // The built-in input-integrity findings come with any run; a run of no policy gives only them.
  const integrity = kept(INTEGRITY) ?? run([]);
  keep(INTEGRITY, integrity);
  const enabled = compiled.policies.filter((cp) => cp.policy.enabled);
  const missing = enabled.filter((cp) => kept(keys.get(cp) ?? null) === undefined);
  if (missing.length > 0) {
    // One run for every policy not kept, its findings split by policy (ids are unique in a contract).
    const byPolicy = new Map<string, Finding[]>(missing.map((cp) => [cp.policy.id, []]));
    for (const f of run(missing)) byPolicy.get(f.policy)?.push(f);
    for (const cp of missing) keep(keys.get(cp) ?? null, byPolicy.get(cp.policy.id)!);
    const fresh = new Map(missing.map((cp) => [cp, byPolicy.get(cp.policy.id)!]));
    return assemble(integrity, enabled.map((cp) => fresh.get(cp) ?? kept(keys.get(cp) ?? null)!), at);
  }
  return assemble(integrity, enabled.map((cp) => kept(keys.get(cp) ?? null)!), at);
}

const INTEGRITY = '\u0000input-integrity';

function assemble(integrity: readonly Finding[], perPolicy: readonly (readonly Finding[])[], at: Date): DraftEvaluation {
  const findings = [...integrity, ...perPolicy.flat()];
  return { findings, verdict: verdictOf(findings), at: Number.isNaN(at.getTime()) ? '' : at.toISOString() };
}

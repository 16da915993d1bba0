import type { CompiledContract, CompiledPolicy, ResolvedContract } from '../engine';
import { evaluateChangeSet } from '../engine';
import type { ChangeSet } from '../model/changeset';
import type { Evaluation } from '../model/finding';
import { paramValueProblem } from '../engine/contract/param-schema';
import type { Policy, PolicyTestCase } from '../model/policy';

/** Why a case's parameters do not fit the policy (unknown name, or a value its schema refuses), or undefined when they do. */
export function unknownParameters(policy: Policy, testCase: PolicyTestCase): string | undefined {
  const given = testCase.parameters ?? {};
  const unknown = Object.keys(given).filter((k) => !Object.hasOwn(policy.parameters, k));
  if (unknown.length > 0) {
    const known = Object.keys(policy.parameters);
    return `unknown parameter ${unknown.map((k) => `'${k}'`).join(', ')} (the policy has ${known.length > 0 ? known.join(', ') : 'no parameters'})`;
  }
  for (const [name, value] of Object.entries(given)) {
    const bad = paramValueProblem(policy.parameters[name]!, value);
    if (bad) return `parameter '${name}'${bad.path.length > 0 ? ` at ${bad.path.join('.')}` : ''}: ${bad.message}`;
  }
  return undefined;
}

/** Evaluates one compiled policy alone over a change set (the contract around it decides nothing else). */
export function evaluateOnly(compiled: CompiledPolicy, changeSet: ChangeSet, at: Date): Evaluation {
  const policy = compiled.policy;
  const contract: ResolvedContract = {
    name: `policy-test:${policy.id}`,
    vendor: '',
    extends: [],
    policies: [policy],
    parameters: { [policy.id]: compiled.params },
    approvals: { quorum: 1, exceptionQuorum: 1, maxExceptionDays: 0 },
    digest: '',
    source: policy.definedAt.file,
  };
  const compiledContract: CompiledContract = { contract, policies: [compiled] };
  const evaluation = evaluateChangeSet(changeSet, compiledContract, { at });
  return { ...evaluation, findings: evaluation.findings.filter((f) => f.policy === policy.id) };
}

/** The policy's parameter defaults (a pack test's starting values). */
export function defaultsOf(policy: Policy): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(policy.parameters)) out[name] = p.default;
  return out;
}


import type { ResolvedContract } from '../engine';
import { compilePolicy } from '../engine';
import type { CompiledPolicy } from '../engine';
import type { Policy, PolicyTestCase, TestOutcome } from '../model/policy';
import { isInlineTest } from '../model/policy';
import { unknownParameters } from './evaluate-one-policy';
import { inlineOutcome } from './inline-test';

/** One test of one of the contract's own policies: did it come to what it expects, and if not, why. */
export interface ContractTestResult {
  readonly policy: string;
  readonly name: string;
  readonly ok: boolean;
  /** Why it failed (expected vs actual), or '' when it passed. */
  readonly message: string;
}

export interface ContractTestOptions {
  /** Evaluation time for cases without `at` (default: the clock). */
  readonly now?: Date;
}

const SAYS: Readonly<Record<TestOutcome, string>> = {
  fail: 'to fail', pass: 'to pass', error: 'an evaluation error', unknown: 'to be unknown until apply',
};
const CAME: Readonly<Record<TestOutcome, string>> = {
  fail: 'it failed', pass: 'it passed', error: 'it had an evaluation error', unknown: 'it could not be decided before apply',
};

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Runs the tests of the contract's OWN policies (pack policies are tested with their pack),
 * or of the one policy `only`. Each case evaluates its policy alone, enabled, with the
 * contract's parameter values for it, then the case's. Never throws: a policy that does not
 * compile fails each of its cases with the compile error, and a file-input case (which needs
 * the policy's folder, `countersign test CONTRACT`) fails saying so, so that a draft with a
 * test it cannot run is never taken as tested.
 */
export function runContractPolicyTests(contract: ResolvedContract, only?: string, options: ContractTestOptions = {}): readonly ContractTestResult[] {
  const now = options.now ?? new Date();
  const own = contract.policies.filter((p) => p.pack === '' && (only === undefined || p.id === only));
  return own.flatMap((policy) => runPolicyCases(policy, contract.parameters[policy.id] ?? {}, now));
}

function runPolicyCases(policy: Policy, contractParams: Readonly<Record<string, unknown>>, now: Date): ContractTestResult[] {
  let compiledWith: { readonly key: string; readonly compiled: CompiledPolicy } | undefined;
  return policy.tests.map((testCase) => {
    const result = (ok: boolean, message: string): ContractTestResult => ({ policy: policy.id, name: testCase.name, ok, message });
    const unknown = unknownParameters(policy, testCase);
    if (unknown) return result(false, unknown);
    if (!isInlineTest(testCase)) {
      return result(false, `reads the file ${JSON.stringify(testCase.input)}, which only \`countersign test CONTRACT\` next to that file can run; write the resource inline (resource: + expect:) so the test travels with the contract`);
    }
    let compiled: CompiledPolicy;
    try {
      compiled = compile(policy, { ...contractParams, ...testCase.parameters }, testCase, compiledWith);
      compiledWith = { key: paramsKey(testCase), compiled };
    } catch (err) {
      return result(false, `the policy does not compile: ${describeError(err)}`);
    }
    const run = inlineOutcome(compiled, testCase, now);
    if (!run.ok) return result(false, run.error);
    if (run.outcome === testCase.expect) return result(true, '');
    const why = run.findings[0]?.message;
    return result(false, `expected ${SAYS[testCase.expect]}, but ${CAME[run.outcome]}${why ? `: ${why}` : ''}`);
  });
}

function paramsKey(testCase: PolicyTestCase): string {
  return JSON.stringify(testCase.parameters ?? {});
}

/** Cases without their own parameters share one compiled policy. */
function compile(policy: Policy, params: Record<string, unknown>, testCase: PolicyTestCase, prior: { readonly key: string; readonly compiled: CompiledPolicy } | undefined): CompiledPolicy {
  if (prior && prior.key === paramsKey(testCase)) return prior.compiled;
  return compilePolicy({ ...policy, enabled: true }, params);
}

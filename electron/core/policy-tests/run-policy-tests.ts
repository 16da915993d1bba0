import { dirname, resolve } from 'node:path';
import { compilePolicy } from '../engine';
import { defaultsOf, evaluateOnly, unknownParameters } from './evaluate-one-policy';
import { loadChangeSet } from '../loaders/load-change-set';
import type { ChangeSet } from '../model/changeset';
import type { Finding } from '../model/finding';
import type { FileTestCase, InlineTestCase, Policy, PolicyTestCase } from '../model/policy';
import { isInlineTest } from '../model/policy';
import { inlineOutcome } from './inline-test';

/** What happened to one resource under the policy. */
export type ResourceOutcome = 'pass' | 'fail' | 'error' | 'unknown';
/** pass/fail: the case ran and did / did not meet its expectations; error: it could not run. */
export type PolicyTestStatus = 'pass' | 'fail' | 'error';

export interface PolicyTestMismatch {
  readonly address: string;
  readonly expected: ResourceOutcome;
  /** `absent` when the input holds no resource with that address. */
  readonly actual: ResourceOutcome | 'absent';
  /** The finding's message when the resource failed or errored. */
  readonly message?: string;
}

export interface PolicyTestResult {
  readonly policy: string;
  readonly pack: string;
  /** The test case's name. */
  readonly name: string;
  /** The input as resolved against the policy folder. */
  readonly input: string;
  /** Evaluation time used (ISO), '' when the case could not run. */
  readonly at: string;
  readonly status: PolicyTestStatus;
  readonly mismatches: readonly PolicyTestMismatch[];
  readonly findings: readonly Finding[];
  /** Why the case could not run (status `error`): its input does not load, a bad `at`, an unknown parameter. */
  readonly error?: string;
}

export interface PolicyTestReport {
  readonly results: readonly PolicyTestResult[];
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  /** Ids of policies without any test case. */
  readonly untested: readonly string[];
}

export interface PolicyTestOptions {
  /** Evaluation time for cases with no `at` and an input with no planned apply time (default: the clock). */
  readonly now?: Date;
  /** Called as each case finishes, so a CLI can stream its lines. */
  readonly onResult?: (result: PolicyTestResult) => void;
  /**
   * Parameter values per policy id that cases start from instead of the defaults: a
   * countersign.dev/v3 contract's own values (its tests test the policy as configured, as the
   * editor runs them). Absent: the defaults (packs, v1/v2 contracts).
   */
  readonly parameters?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * Runs every policy's own test cases, like `opa test` / `kyverno test`: each case evaluates
 * only its policy (enabled, parameters = defaults, or options.parameters, ← case parameters) over the case's input,
 * and the resources listed in expectFail / expectError / expectUnknown must fail / error / be
 * unknown until apply while every other
 * matched resource must pass. A policy that does not compile throws its InputError (bad
 * input, nothing can run); a case that cannot run is a result with status `error`.
 */
export async function runPolicyTests(policies: readonly Policy[], options: PolicyTestOptions = {}): Promise<PolicyTestReport> {
  const inputs = new Map<string, Promise<ChangeSet>>();
  const load = (path: string): Promise<ChangeSet> => {
    let cs = inputs.get(path);
    if (!cs) {
      cs = loadChangeSet([path]);
      inputs.set(path, cs);
    }
    return cs;
  };
  const results: PolicyTestResult[] = [];
  for (const policy of policies) {
    for (const testCase of policy.tests) {
      const result = await runCase(policy, testCase, load, options.now, options.parameters?.[policy.id] ?? defaultsOf(policy));
      results.push(result);
      options.onResult?.(result);
    }
  }
  return {
    results,
    passed: results.filter((r) => r.status === 'pass').length,
    failed: results.filter((r) => r.status === 'fail').length,
    errors: results.filter((r) => r.status === 'error').length,
    untested: policies.filter((p) => p.tests.length === 0).map((p) => p.id),
  };
}

async function runCase(policy: Policy, testCase: PolicyTestCase, load: (path: string) => Promise<ChangeSet>, now: Date | undefined, startParams: Readonly<Record<string, unknown>>): Promise<PolicyTestResult> {
  if (isInlineTest(testCase)) return runInlineCase(policy, testCase, now, startParams);
  const input = resolve(dirname(policy.definedAt.file), testCase.input);
  const base = { policy: policy.id, pack: policy.pack, name: testCase.name, input };
  const failed = (error: string): PolicyTestResult => ({ ...base, at: '', status: 'error', mismatches: [], findings: [], error });

  const unknown = unknownParameters(policy, testCase);
  if (unknown) return failed(unknown);
  // Compile errors are not caught: a policy that does not compile is bad input for the whole run.
  const params = { ...startParams, ...testCase.parameters };
  const compiled = compilePolicy({ ...policy, enabled: true }, params);

  let changeSet: ChangeSet;
  try {
    changeSet = await load(input);
  } catch (err) {
    return failed(`input ${testCase.input}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const atText = testCase.at ?? (changeSet.metadata.plannedApplyAt || undefined);
  const at = atText !== undefined ? new Date(atText) : (now ?? new Date());
  if (Number.isNaN(at.getTime())) return failed(`at: "${atText}" is not an ISO-8601 time`);

  const evaluation = evaluateOnly(compiled, changeSet, at);
  const findings = evaluation.findings;
  const mismatches = compare(testCase, findings, new Set(changeSet.resources.map((r) => r.address)));
  return { ...base, at: evaluation.at, status: mismatches.length === 0 ? 'pass' : 'fail', mismatches, findings };
}

/** An inline case (resource + expect) run like a file case, its one resource named by address. */
function runInlineCase(policy: Policy, testCase: InlineTestCase, now: Date | undefined, startParams: Readonly<Record<string, unknown>>): PolicyTestResult {
  const base = { policy: policy.id, pack: policy.pack, name: testCase.name, input: '(inline resource)' };
  const unknown = unknownParameters(policy, testCase);
  if (unknown) return { ...base, at: '', status: 'error', mismatches: [], findings: [], error: unknown };
  const params = { ...startParams, ...testCase.parameters };
  const run = inlineOutcome(compilePolicy({ ...policy, enabled: true }, params), testCase, now ?? new Date());
  if (!run.ok) return { ...base, at: '', status: 'error', mismatches: [], findings: [], error: run.error };
  const address = testCase.resource.address;
  const mismatches: PolicyTestMismatch[] = run.outcome === testCase.expect ? [] : [{
    address, expected: testCase.expect, actual: run.outcome, ...(run.findings[0] ? { message: run.findings[0].message } : {}),
  }];
  return { ...base, at: run.at, status: mismatches.length === 0 ? 'pass' : 'fail', mismatches, findings: run.findings };
}

/** Every expected failure/error must happen, and nothing else may fail or error. */
export function compare(testCase: FileTestCase, findings: readonly Finding[], present: ReadonlySet<string>): PolicyTestMismatch[] {
  const actual = new Map<string, { outcome: ResourceOutcome; message: string }>();
  for (const f of findings) {
    // One resource with both a failure and an error is an error: it did not evaluate cleanly.
    if (actual.get(f.resource.address)?.outcome !== 'error') actual.set(f.resource.address, { outcome: f.status, message: f.message });
  }
  const expected = new Map<string, ResourceOutcome>();
  for (const address of testCase.expectFail) expected.set(address, 'fail');
  for (const address of testCase.expectError ?? []) expected.set(address, 'error');
  for (const address of testCase.expectUnknown ?? []) expected.set(address, 'unknown');

  const mismatches: PolicyTestMismatch[] = [];
  for (const [address, want] of expected) {
    const got = actual.get(address);
    const outcome = got?.outcome ?? (present.has(address) ? 'pass' : 'absent');
    if (outcome !== want) mismatches.push({ address, expected: want, actual: outcome, ...(got ? { message: got.message } : {}) });
  }
  for (const [address, got] of actual) {
    if (!expected.has(address)) mismatches.push({ address, expected: 'pass', actual: got.outcome, message: got.message });
  }
  return mismatches;
}

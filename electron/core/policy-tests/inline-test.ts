import type { CompiledPolicy } from '../engine';
import type { Finding } from '../model/finding';
import type { InlineTestCase, TestOutcome } from '../model/policy';
import { evaluateOnly } from './evaluate-one-policy';
import { fixtureChangeSet, resourceFromFixture } from './resource-fixture';

export type InlineRun =
  | { readonly ok: true; readonly outcome: TestOutcome; readonly findings: readonly Finding[]; readonly at: string }
  | { readonly ok: false; readonly error: string };

/** What one resource comes to: an error outweighs a failure, a failure an unknown; no finding is a pass. */
export function outcomeOf(findings: readonly Finding[]): TestOutcome {
  if (findings.some((f) => f.status === 'error')) return 'error';
  if (findings.some((f) => f.status === 'fail')) return 'fail';
  if (findings.some((f) => f.status === 'unknown')) return 'unknown';
  return 'pass';
}

/**
 * Evaluates an inline test's resource under the compiled policy (its parameters already
 * merged), at the case's `at`, else `now`. The resource goes through the engine exactly as a
 * loaded one does: same resource view, labels, unknown values and match stage.
 */
export function inlineOutcome(compiled: CompiledPolicy, testCase: InlineTestCase, now: Date): InlineRun {
  const at = testCase.at !== undefined ? new Date(testCase.at) : now;
  if (Number.isNaN(at.getTime())) return { ok: false, error: `at: "${testCase.at}" is not an ISO-8601 time` };
  const resource = resourceFromFixture(testCase.resource, compiled.policy.definedAt);
  const evaluation = evaluateOnly(compiled, fixtureChangeSet(resource, compiled.policy.definedAt.file), at);
  return { ok: true, outcome: outcomeOf(evaluation.findings), findings: evaluation.findings, at: evaluation.at };
}

import type { ResolvedContract } from '../engine';
import { compilePolicy } from '../engine';
import type { ChangeSet } from '../model/changeset';
import type { InlineTestCase, ResourceFixture, TestOutcome } from '../model/policy';
import { printable } from '../model/printable-text';
import { inlineOutcome } from './inline-test';
import { fixtureOf } from './resource-fixture';

export interface CaptureRequest {
  /** The contract (draft) the test goes into. */
  readonly contract: ResolvedContract;
  /** The stored change set as the loaders built it: the masked model. */
  readonly changeSet: ChangeSet;
  readonly resourceIndex: number;
  /** One of the contract's own policies. */
  readonly policy: string;
  /** The evaluation time the test pins (the stored current evaluation's `at`), ISO-8601. */
  readonly at: string;
  /** The outcome the test expects; default: the outcome the resource has now. */
  readonly expect?: TestOutcome;
}

/** The mapping `addTest` writes into the policy's `tests:` (key order as written). */
export interface CapturedTest {
  readonly name: string;
  readonly expect: TestOutcome;
  readonly at: string;
  readonly resource: ResourceFixture;
}

export type CaptureResult =
  | { readonly ok: true; readonly test: CapturedTest; readonly outcome: TestOutcome }
  | { readonly ok: false; readonly message: string };

const MAX_NAME = 120;

/**
 * The first number a contract refuses (yaml-source.ts: non-finite numbers and -0, which the
 * digest could not tell apart from others): a captured fixture holding one would make the
 * draft unloadable, so the capture says so instead.
 */
function unwritableNumber(value: unknown, path: readonly (string | number)[]): { readonly what: string; readonly path: string } | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { what: 'a non-finite number', path: path.join('.') };
    if (Object.is(value, -0)) return { what: 'negative zero', path: path.join('.') };
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = unwritableNumber(value[i], [...path, i]);
      if (hit) return hit;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const hit = unwritableNumber(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** A test name from the address, unique among the policy's tests (" (2)", " (3)"… on a clash). */
function testName(address: string, expect: TestOutcome, taken: ReadonlySet<string>): string {
  const base = printable(`${address.length > MAX_NAME ? `${address.slice(0, MAX_NAME - 1)}…` : address} ${expect === 'pass' ? 'passes' : expect === 'fail' ? 'fails' : expect === 'error' ? 'errors' : 'is unknown until apply'}`);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} (${n})`)) return `${base} (${n})`;
}

/**
 * "Add as test": a stored resource as an inline test of one of the contract's own policies.
 * The fixture is built from the masked model only (fixtureOf takes the listed ResourceChange
 * fields; masked values stay masked, locations and source text never enter), because the
 * contract is shared with the vendor and must never carry a secret. The test pins `at`, so a
 * time-dependent policy (maintenance windows) decides it the same way later. Its default
 * expectation is the outcome the fixture has now under the contract's parameters, so a
 * captured test passes when captured.
 */
export function captureTestFixture(req: CaptureRequest): CaptureResult {
  const policy = req.contract.policies.find((p) => p.id === req.policy);
  if (!policy) return { ok: false, message: `the contract has no policy "${req.policy}"` };
  if (policy.pack !== '') return { ok: false, message: `policy "${req.policy}" comes from pack "${policy.pack}"; tests go into the contract's own policies (fork it first)` };
  const resource = Number.isInteger(req.resourceIndex) ? req.changeSet.resources[req.resourceIndex] : undefined;
  if (!resource) return { ok: false, message: `the change set has no resource ${req.resourceIndex} (it has ${req.changeSet.resources.length})` };
  const at = new Date(req.at);
  if (Number.isNaN(at.getTime())) return { ok: false, message: `at: "${req.at}" is not an ISO-8601 time` };

  const fixture = fixtureOf(resource);
  const unwritable = unwritableNumber(fixture, []);
  if (unwritable) {
    return { ok: false, message: `the resource holds ${unwritable.what} at ${unwritable.path || 'its root'}, which a contract cannot hold (its digest could not tell it apart); write this test by hand` };
  }
  let outcome: TestOutcome;
  try {
    const compiled = compilePolicy({ ...policy, enabled: true }, req.contract.parameters[policy.id] ?? {});
    const probe: InlineTestCase = { name: 'capture', resource: fixture, expect: 'pass', at: at.toISOString() };
    const run = inlineOutcome(compiled, probe, at);
    if (!run.ok) return { ok: false, message: run.error };
    outcome = run.outcome;
  } catch (err) {
    return { ok: false, message: `policy "${policy.id}" does not compile: ${err instanceof Error ? err.message : String(err)}` };
  }
  const expect = req.expect ?? outcome;
  const name = testName(resource.address, expect, new Set(policy.tests.map((t) => t.name)));
  return { ok: true, outcome, test: { name, expect, at: at.toISOString(), resource: fixture } };
}

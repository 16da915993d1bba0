import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { listPacks, loadContractFile, loadPack, parsePolicyFile } from '../../core/engine';
import { livePackVersion } from '../../core/engine/contract/pack-version';
import type { ResolvedContract } from '../../core/engine';
import { decodeText } from '../../core/io/decode-text';
import { packsRoot } from '../../core/io/packs-root';
import { InputError, UsageError } from '../../core/model/errors';
import type { Policy } from '../../core/model/policy';
import type { PolicyTestMismatch, PolicyTestResult } from '../../core/policy-tests/run-policy-tests';
import { runPolicyTests } from '../../core/policy-tests/run-policy-tests';
import { clean } from '../../core/reports/text-report';
import { TEST_HELP } from '../help';
import { parseCommandArgs } from '../parse-args';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  pack: { type: 'string', multiple: true },
  'own-only': { type: 'boolean' },
} as const;

/** One batch of policies tested together: a pack, or a contract's own policies. */
interface TestGroup {
  /** Printed as `== <label>` above its results when there is more than one group. */
  readonly label: string;
  readonly policies: readonly Policy[];
  /** A countersign.dev/v3+ contract's own parameter values: its tests test the policies as configured. */
  readonly parameters?: ResolvedContract['parameters'];
  /** Why the group's tests cannot run here (printed as a NOTE; not a failure). */
  readonly note?: string;
}

/**
 * `countersign test [CONTRACT|DIR] [--pack NAME]... [--own-only]`: 0 all passed, 1 a case
 * failed, 2 a case could not run (or bad input).
 */
export async function testCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, 'test');
  if (values.help) {
    process.stdout.write(TEST_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError("test takes at most one CONTRACT or DIR (see 'countersign test --help')");
  const groups = selectGroups(positionals[0], values.pack ?? [], values['own-only'] === true);
  let passed = 0, failed = 0, errors = 0;
  const untested: string[] = [];
  for (const g of groups) {
    if (groups.length > 1) process.stdout.write(`== ${clean(g.label)}\n`);
    if (g.note) {
      process.stdout.write(`NOTE ${clean(g.note)}\n`);
      continue;
    }
    const report = await runPolicyTests(g.policies, { onResult: (r) => process.stdout.write(resultLines(r)), ...(g.parameters ? { parameters: g.parameters } : {}) });
    passed += report.passed;
    failed += report.failed;
    errors += report.errors;
    untested.push(...report.untested);
  }
  if (untested.length > 0) process.stdout.write(`NOTE no tests: ${clean(untested.join(', '))}\n`);
  process.stdout.write(`${passed} passed, ${failed} failed${errors > 0 ? `, ${errors} could not run` : ''}\n`);
  if (errors > 0) return 2;
  return failed > 0 ? 1 : 0;
}

/** The built-in packs named by --pack (all when none), each its own group; an unknown name is bad input. */
function builtInPacks(names: readonly string[]): TestGroup[] {
  const root = packsRoot();
  const known = listPacks(root);
  for (const n of names) {
    if (!known.includes(n)) throw new UsageError(`--pack ${clean(n)}: no built-in pack of that name (available: ${known.join(', ')})`);
  }
  const chosen = names.length > 0 ? known.filter((n) => names.includes(n)) : known;
  return chosen.map((pack) => ({ label: `pack ${pack} (version ${livePackVersion(pack, root)})`, policies: loadPack(pack, root) }));
}

/**
 * The packs a contract extends, at the versions it pins. Their tests ship in the pack folders of
 * the version this build is at: an older pinned version is frozen without tests, so it is named
 * in a NOTE, never reported as passing.
 */
function extendedPacks(contract: ResolvedContract, names: readonly string[]): TestGroup[] {
  const root = packsRoot();
  const pins = contract.packs ?? contract.extends.map((pack) => ({ pack, version: 1 }));
  for (const n of names) {
    if (!pins.some((p) => p.pack === n)) throw new UsageError(`--pack ${clean(n)}: the contract does not extend it (it extends: ${pins.map((p) => p.pack).join(', ') || 'no pack'})`);
  }
  return pins.filter((p) => names.length === 0 || names.includes(p.pack)).map(({ pack, version }): TestGroup => {
    const label = `pack ${pack} (version ${version})`;
    const live = livePackVersion(pack, root);
    if (live !== version) return { label, policies: [], note: `pack ${pack} version ${version}: this build ships the tests of version ${live} only; version ${version}'s tests were not run` };
    return { label, policies: loadPack(pack, root) };
  });
}

/**
 * No argument: every built-in pack (or those named by --pack). A contract file: its own policies
 * (with its parameter values, v3 and later), then the tests of every pack it extends (or those
 * named by --pack; none with --own-only). A folder: a pack or one policy.
 */
function selectGroups(target: string | undefined, packs: readonly string[], ownOnly: boolean): TestGroup[] {
  if (target === undefined) {
    if (ownOnly) throw new UsageError("--own-only needs a CONTRACT (see 'countersign test --help')");
    return builtInPacks(packs);
  }
  if (!existsSync(target)) throw new InputError(target, 'no such file or directory');
  if (!statSync(target).isDirectory()) {
    if (ownOnly && packs.length > 0) throw new UsageError("--own-only and --pack exclude each other (see 'countersign test --help')");
    const contract = loadContractFile(target);
    const policies = contract.policies.filter((p) => p.pack === '');
    // v3 and later read typed parameters: the tests run with the contract's values.
    const own: TestGroup = { label: `contract ${contract.name}: own policies`, policies, ...(PARAMETERS_BEFORE_V3.has(contract.apiVersion ?? '') ? {} : { parameters: contract.parameters }) };
    return [own, ...(ownOnly ? [] : extendedPacks(contract, packs))];
  }
  if (packs.length > 0 || ownOnly) throw new UsageError("--pack and --own-only go with no argument or a CONTRACT, not a folder (see 'countersign test --help')");
  const dir = resolve(target);
  const policyFile = join(dir, 'policy.yaml');
  if (existsSync(policyFile)) {
    return [{ label: `policy ${basename(dir)}`, policies: [parsePolicyFile(policyFile, decodeText(readFileSync(policyFile), policyFile), basename(dirname(dir)))] }];
  }
  return [{ label: `pack ${basename(dir)}`, policies: loadPack(basename(dir), dirname(dir)) }];
}

/** Contract versions whose parameters are plain defaults (no typed values to test with). */
const PARAMETERS_BEFORE_V3: ReadonlySet<string> = new Set(['countersign.dev/v1', 'countersign.dev/v2']);

function resultLines(r: PolicyTestResult): string {
  const label = r.status === 'pass' ? 'PASS' : r.status === 'fail' ? 'FAIL' : 'ERROR';
  const lines = [`${label} ${r.policy}: ${clean(r.name)}`];
  if (r.error) lines.push(`    ${clean(r.error)}`);
  for (const m of r.mismatches) lines.push(`    ${clean(m.address)}: ${describeMismatch(m)}`);
  if (r.status === 'fail') lines.push(`    input: ${clean(r.input)}${r.at ? `  at: ${clean(r.at)}` : ''}`);
  return `${lines.join('\n')}\n`;
}

const OUTCOME: Readonly<Record<PolicyTestMismatch['actual'], string>> = {
  pass: 'passed',
  fail: 'failed',
  error: 'had an evaluation error',
  unknown: 'could not be decided (depends on values known only after apply)',
  absent: 'is not a resource of the input',
};

function describeMismatch(m: PolicyTestMismatch): string {
  const expected = m.expected === 'error' ? 'an evaluation error' : m.expected === 'fail' ? 'to fail' : m.expected === 'unknown' ? 'to be unknown until apply' : 'to pass';
  return `expected ${expected}, but it ${OUTCOME[m.actual]}${m.message ? `: ${clean(m.message)}` : ''}`;
}

import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { listPacks, loadContractFile, loadPack, parsePolicyFile } from '../../core/engine';
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

const OPTIONS = { help: { type: 'boolean', short: 'h' } } as const;

/** `countersign test [CONTRACT|DIR]`: 0 all passed, 1 a case failed, 2 a case could not run. */
export async function testCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, 'test');
  if (values.help) {
    process.stdout.write(TEST_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError("test takes at most one CONTRACT or DIR (see 'countersign test --help')");
  const { policies, parameters } = selectPolicies(positionals[0]);
  const report = await runPolicyTests(policies, { onResult: (r) => process.stdout.write(resultLines(r)), ...(parameters ? { parameters } : {}) });
  if (report.untested.length > 0) process.stdout.write(`NOTE no tests: ${clean(report.untested.join(', '))}\n`);
  process.stdout.write(`${report.passed} passed, ${report.failed} failed${report.errors > 0 ? `, ${report.errors} could not run` : ''}\n`);
  if (report.errors > 0) return 2;
  return report.failed > 0 ? 1 : 0;
}

interface Selection {
  readonly policies: readonly Policy[];
  /** A countersign.dev/v3 contract's own parameter values: its tests test the policies as configured. */
  readonly parameters?: ResolvedContract['parameters'];
}

/** No argument: every built-in pack; a file: a contract's own policies; a folder: a pack or one policy. */
function selectPolicies(target: string | undefined): Selection {
  if (target === undefined) {
    const root = packsRoot();
    return { policies: listPacks(root).flatMap((pack) => loadPack(pack, root)) };
  }
  if (!existsSync(target)) throw new InputError(target, 'no such file or directory');
  if (!statSync(target).isDirectory()) {
    const contract = loadContractFile(target);
    const policies = contract.policies.filter((p) => p.pack === '');
    // v3 and later (v4 and v5 read every v3 field).
    return contract.apiVersion === 'countersign.dev/v3' || contract.apiVersion === 'countersign.dev/v4' || contract.apiVersion === 'countersign.dev/v5' ? { policies, parameters: contract.parameters } : { policies };
  }
  const dir = resolve(target);
  const policyFile = join(dir, 'policy.yaml');
  if (existsSync(policyFile)) {
    return { policies: [parsePolicyFile(policyFile, decodeText(readFileSync(policyFile), policyFile), basename(dirname(dir)))] };
  }
  return { policies: loadPack(basename(dir), dirname(dir)) };
}

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

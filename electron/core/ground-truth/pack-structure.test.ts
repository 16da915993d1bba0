// Every built-in pack is well-formed data: one folder per policy, named by its id, with a
// policy.yaml that parses and compiles, its own failing and passing test cases whose inputs
// exist (and nothing else lying around), and those tests pass.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { compilePolicy, evaluateChangeSet, listPacks, loadPack, parsePolicyFile } from '../engine';
import type { CompiledContract, ResolvedContract } from '../engine';
import { packsRoot } from '../io/packs-root';
import { repoRoot } from '../testing/corpus';
import { loadChangeSet } from '../loaders/load-change-set';
import type { FileTestCase, Policy } from '../model/policy';
import { isInlineTest } from '../model/policy';
import { runPolicyTests } from '../policy-tests/run-policy-tests';

const root = packsRoot();
const packs = listPacks(root);

function defaultsOf(p: Policy): Record<string, unknown> {
  return Object.fromEntries(Object.entries(p.parameters).map(([k, d]) => [k, d.default]));
}

/** Every file under `dir`, relative to `base`, with `/` separators. */
function filesUnder(dir: string, base: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, base) : [relative(base, full).split(sep).join('/')];
  });
}

test('the built-in packs include baseline', () => {
  assert.ok(packs.includes('baseline'), `packs: ${packs.join(', ')}`);
});

for (const pack of packs) {
  describe(`pack ${pack}`, () => {
    const dir = join(root, pack);
    const folders = readdirSync(dir).filter((n) => statSync(join(dir, n)).isDirectory()).sort();

    test('pack.yaml names the pack and describes it; nothing else sits beside the policy folders', () => {
      const meta = parse(readFileSync(join(dir, 'pack.yaml'), 'utf8')) as { name?: unknown; description?: unknown };
      assert.equal(meta.name, pack);
      assert.equal(typeof meta.description, 'string');
      assert.ok((meta.description as string).length > 20);
      const files = readdirSync(dir).filter((n) => !statSync(join(dir, n)).isDirectory());
      assert.deepEqual(files, ['pack.yaml']);
    });

    test('loadPack reads one policy per folder, its id equal to the folder name', () => {
      const policies = loadPack(pack, root);
      assert.deepEqual(policies.map((p) => p.id), folders);
      for (const p of policies) assert.equal(p.pack, pack);
    });

    for (const folder of folders) {
      test(`${folder}: parses, compiles with its defaults, has failing and passing cases whose inputs exist, and no stray files`, async () => {
        const policyDir = join(dir, folder);
        const file = join(policyDir, 'policy.yaml');
        const policy = parsePolicyFile(file, readFileSync(file, 'utf8'), pack);
        assert.equal(policy.id, folder);
        for (const field of ['title', 'description', 'remediation', 'message'] as const) {
          assert.ok(policy[field].trim().length > 0, `${field} is set`);
        }
        assert.match(policy.message, /\{\{[\s\S]+\}\}/, 'the message interpolates what is wrong');
        compilePolicy(policy, defaultsOf(policy)); // throws when the condition does not compile with its defaults

        // Built-in packs test against files under tests/ (inline resources are for contracts).
        const fileTests = policy.tests.filter((t): t is FileTestCase => !isInlineTest(t));
        assert.equal(fileTests.length, policy.tests.length, 'every case reads an input file');
        const failing = fileTests.filter((t) => t.expectFail.length > 0 || (t.expectError?.length ?? 0) > 0);
        const passing = fileTests.filter((t) => t.expectFail.length === 0 && (t.expectError?.length ?? 0) === 0 && (t.expectUnknown?.length ?? 0) === 0);
        assert.ok(failing.length >= 1, 'at least one case where resources fail');
        assert.ok(passing.length >= 1, 'at least one case where everything passes');

        const used = new Set<string>();
        for (const t of fileTests) {
          const input = resolve(policyDir, t.input);
          assert.ok(input.startsWith(join(policyDir, 'tests') + sep), `${t.input} lies under tests/`);
          assert.ok(existsSync(input), `${t.input} exists`);
          const inputFiles = statSync(input).isDirectory() ? filesUnder(input, policyDir) : [relative(policyDir, input).split(sep).join('/')];
          for (const f of inputFiles) used.add(f);
        }
        assert.deepEqual(filesUnder(policyDir, policyDir).filter((f) => f !== 'policy.yaml' && !used.has(f)), [], 'files no test case uses');

        // A passing case must pass because the policy looked and found nothing, not because it
        // matched nothing.
        for (const t of passing) {
          const cs = await loadChangeSet([resolve(policyDir, t.input)]);
          const params = { ...defaultsOf(policy), ...t.parameters };
          const resolved: ResolvedContract = {
            name: `structure:${policy.id}`, vendor: '', extends: [], policies: [policy], parameters: { [policy.id]: params },
            approvals: { quorum: 1, exceptionQuorum: 1, maxExceptionDays: 30 }, digest: '', source: file,
          };
          const contract: CompiledContract = { contract: resolved, policies: [compilePolicy(policy, params)] };
          const at = new Date(t.at ?? '2026-01-05T03:00:00Z');
          const matched = evaluateChangeSet(cs, contract, { at }).summary.matchedByPolicy?.[policy.id] ?? 0;
          assert.ok(matched > 0, `case "${t.name}" matches at least one resource`);
        }
      });
    }

    test('its own policy tests pass (countersign test)', async () => {
      const report = await runPolicyTests(loadPack(pack, root), { now: new Date('2026-01-05T03:00:00Z') });
      const problems = report.results.filter((r) => r.status !== 'pass').map((r) => `${r.policy} / ${r.name}: ${r.error ?? JSON.stringify(r.mismatches)}`);
      assert.deepEqual(problems, []);
      assert.deepEqual(report.untested, []);
      assert.ok(report.passed >= 2 * folders.length);
    });
  });
}

test('docs/policies.md documents every baseline policy: its section, enforcement, severity and parameters', () => {
  const doc = readFileSync(join(repoRoot, 'docs', 'policies.md'), 'utf8');
  for (const p of loadPack('baseline', root)) {
    const start = doc.indexOf(`\n## ${p.id}\n`);
    assert.ok(start >= 0, `a "## ${p.id}" section`);
    const next = doc.indexOf('\n## ', start + 1);
    const section = doc.slice(start, next < 0 ? undefined : next);
    assert.match(section, new RegExp(`\\*\\*Default\\.\\*\\* ${p.enforcement}, ${p.severity}`), `${p.id}: default enforcement and severity`);
    for (const name of Object.keys(p.parameters)) assert.match(section, new RegExp(`\`${name}\``), `${p.id}: parameter ${name}`);
    const row = doc.split('\n').find((l) => l.startsWith(`| [${p.id}]`)) ?? '';
    assert.match(row, new RegExp(`\\| ${p.enforcement} \\| ${p.severity} \\|`), `${p.id}: summary table row`);
  }
});

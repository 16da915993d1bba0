// Spawns the BUILT CLI (as users and CI run it) on real corpus files.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { listPacks, loadPack } from '../core/engine/contract/load-pack';
import { livePackVersion } from '../core/engine/contract/pack-version';
import { packsRoot } from '../core/io/packs-root';
import { corpusPath, repoRoot } from '../core/testing/corpus';
import { ensureCliBuilt } from '../core/testing/built-cli';
import { assertValidSarif } from '../core/testing/sarif-schema';

const RDS_PLAN = corpusPath('terraform', 'tfcompliance-rds-publicly-accessible-create.tfplan.json');
const RDS_REPLACE = corpusPath('terraform', 'strata-rds-replace-handauthored.tfplan.json');
const tmp = mkdtempSync(join(tmpdir(), 'countersign-cli-'));

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), ...args], {
    cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Bad input: exit 2, one line on stderr naming what was wrong, never a stack trace. */
function assertBadInput(r: Run, mention: string | RegExp): void {
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.ok(!r.stderr.includes('    at '), `stack trace in stderr: ${r.stderr}`);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line: ${r.stderr}`);
  assert.match(r.stderr, /^countersign: /);
  if (typeof mention === 'string') assert.ok(r.stderr.includes(mention), `stderr names ${mention}: ${r.stderr}`);
  else assert.match(r.stderr, mention);
}

before(() => {
  ensureCliBuilt();
});

describe('countersign CLI: help and usage', () => {
  test('--version and --help', () => {
    const v = cli('--version');
    assert.equal(v.code, 0);
    assert.match(v.stdout, /^countersign \d+\.\d+\.\d+ \(.+\)\n$/);
    const h = cli('--help');
    assert.equal(h.code, 0);
    assert.match(h.stdout, /countersign evaluate/);
    assert.match(h.stdout, /countersign test/);
    const e = cli('evaluate', '--help');
    assert.equal(e.code, 0);
    assert.match(e.stdout, /--contract FILE/);
    assert.match(e.stdout, /--format FORMAT/);
  });

  test('unknown flag, unknown command, missing input: exit 2 with a hint', () => {
    assertBadInput(cli('evaluate', '--bogus', RDS_PLAN), /unknown option '--bogus' \(see 'countersign evaluate --help'\)/);
    assertBadInput(cli('evalute', RDS_PLAN), /unknown command 'evalute'.*--help/);
    assertBadInput(cli(), /missing command/);
    assertBadInput(cli('evaluate'), /needs an INPUT/);
    assertBadInput(cli('evaluate', '--format'), /--format needs a value/);
  });

  test('unknown report format and a bad --at: exit 2', () => {
    assertBadInput(cli('evaluate', '--format', 'xml', RDS_PLAN), /unknown format 'xml' \(expected text, json, sarif, junit\)/);
    assertBadInput(cli('evaluate', '--at', 'tomorrow', RDS_PLAN), /--at 'tomorrow' is not an ISO-8601 time/);
    assertBadInput(cli('evaluate', '--at', '2026-01-05T03:00', RDS_PLAN), /--at '2026-01-05T03:00'/);
    assertBadInput(cli('evaluate', '--at', '2026-02-30T03:00:00Z', RDS_PLAN), /--at '2026-02-30T03:00:00Z'/);
  });

  test('reject without a comment, or a blank one, states the rule before opening anything', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    for (const comment of [[], ['--comment', '  ']]) {
      const r = cli('reject', digest, '--key', digest, '--out', join(tmp, 'never'), '--workspace', join(tmp, 'no-such.db'), ...comment);
      assertBadInput(r, 'a rejection needs a comment saying why');
    }
    assert.ok(!existsSync(join(tmp, 'never')), 'nothing written');
  });
});

describe('countersign evaluate on real plans', () => {
  test('an unencrypted RDS create is blocked: exit 1, deny finding in the text report', () => {
    const r = cli('evaluate', RDS_PLAN);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^Countersign evaluation: BLOCKED/);
    assert.match(r.stdout, /tfcompliance-rds-publicly-accessible-create\.tfplan\.json:\d+:\d+ {2}aws_db_instance\.default {2}storage-encryption {2}/);
    assert.match(r.stdout.trimEnd().split('\n').at(-1) ?? '', /^BLOCKED: \d+ deny findings? must be fixed or waived by a signed exception/);
    // The plan holds the DB password in clear; no report may print it.
    assert.ok(!r.stdout.includes('foobarbaz'));
  });

  test('--format json parses and carries the change-set digest and the finding', () => {
    const r = cli('evaluate', '--format', 'json', RDS_PLAN);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.verdict, 'blocked');
    assert.match(report.changeSet.digest, /^sha256:[0-9a-f]{64}$/);
    assert.match(report.contract.digest, /^sha256:[0-9a-f]{64}$/);
    assert.equal(report.changeSet.resourceCount, 1);
    const f = report.findings.find((x: { policy: string }) => x.policy === 'storage-encryption');
    assert.equal(f.resource.address, 'aws_db_instance.default');
    assert.equal(f.enforcement, 'deny');
    assert.ok(f.location.line >= 1);
    assert.ok(!r.stdout.includes('foobarbaz'));
  });

  test('--format json explains each finding beside it (report version 2 on); the text report has a why line', () => {
    const r = cli('evaluate', '--format', 'json', RDS_PLAN);
    const report = JSON.parse(r.stdout);
    assert.equal(report.reportVersion, 4);
    const f = report.findings.find((x: { policy: string }) => x.policy === 'storage-encryption');
    assert.deepEqual(f.explanation.field, ['storage_encrypted']);
    assert.ok(f.explanation.clause.end > f.explanation.clause.start);
    assert.ok(f.explanation.clause.end <= report.conditions['storage-encryption'].length);
    assert.match(f.explanation.why, /\S/);
    const exposed = report.findings.find((x: { policy: string }) => x.policy === 'no-public-ingress');
    assert.ok(exposed.explanation.values.some((v: { value: string }) => v.value === '["publicly_accessible = true"]'), JSON.stringify(exposed.explanation.values));
    const text = cli('evaluate', RDS_PLAN).stdout.split('\n');
    const at = text.findIndex((l) => / {2}storage-encryption {2}/.test(l));
    assert.match(text[at + 1] ?? '', /^ {6}why: /);
    assert.ok(!r.stdout.includes('foobarbaz') && !text.join('\n').includes('foobarbaz'));
  });

  test('--format sarif has rules and results with a start line and a relative URI', () => {
    const r = cli('evaluate', '--format', 'sarif', RDS_PLAN);
    assert.equal(r.code, 1, r.stderr);
    assertValidSarif(r.stdout);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.ok(run.tool.driver.rules.length > 0);
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'storage-encryption');
    assert.equal(result.level, 'error');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'storage-encryption');
    const physical = result.locations[0].physicalLocation;
    assert.ok(physical.region.startLine >= 1);
    // The plan's path as given, relative to the working directory, in POSIX form.
    assert.equal(physical.artifactLocation.uri, relative(repoRoot, RDS_PLAN).split(sep).join('/'));
    assert.equal(run.properties.verdict, 'blocked');
  });

  test('--format junit and --output FILE', () => {
    const out = join(tmp, 'report.xml');
    const r = cli('evaluate', '--format', 'junit', '--output', out, RDS_PLAN);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    const xml = readFileSync(out, 'utf8');
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>/);
    assert.match(xml, /<testsuite name="storage-encryption"[^>]* failures="1"/);
    assert.match(xml, /<failure message="[^"]*" type="deny">/);
  });

  test('--at moves a replace into or out of the maintenance window', () => {
    // Only maintenance-window stays on, so the verdict depends on the time alone.
    const others = readdirSync(join(packsRoot(), 'baseline'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'maintenance-window').map((d) => d.name);
    const contract = join(tmp, 'window-contract.yaml');
    writeFileSync(contract, [
      'apiVersion: countersign.dev/v1',
      'kind: Contract',
      'metadata: {name: window-only}',
      'spec:',
      '  extends: [baseline]',
      '  parameters:',
      '    maintenance-window: {windows: [{days: [Sun], start: "02:00", end: "04:00", timezone: UTC}]}',
      '  overrides:',
      ...others.map((id) => `    ${id}: {enabled: false}`),
      '',
    ].join('\n'));
    const inside = cli('evaluate', '--contract', contract, '--format', 'json', '--at', '2026-01-04T03:00:00Z', RDS_REPLACE);
    assert.equal(inside.code, 0, inside.stderr + inside.stdout);
    assert.equal(JSON.parse(inside.stdout).verdict, 'pass');
    assert.equal(JSON.parse(inside.stdout).at, '2026-01-04T03:00:00.000Z');
    const outside = cli('evaluate', '--contract', contract, '--format', 'json', '--at', '2026-01-05T03:00:00Z', RDS_REPLACE);
    assert.equal(outside.code, 1, outside.stderr);
    const report = JSON.parse(outside.stdout);
    assert.equal(report.verdict, 'blocked');
    assert.ok(report.findings.some((f: { policy: string; resource: { address: string } }) => f.policy === 'maintenance-window' && f.resource.address === 'aws_db_instance.main'));
  });
});

describe('countersign evaluate: bad input exits 2 naming the file, no stack trace', () => {
  test('malformed JSON names the file and the line', () => {
    const bad = join(tmp, 'malformed.tfplan.json');
    writeFileSync(bad, '{\n  "format_version": "1.2",\n  "resource_changes": [,]\n}\n');
    assertBadInput(cli('evaluate', bad), `${bad}:3`);
  });

  test('truncated plan names the file', () => {
    const truncated = join(tmp, 'truncated.tfplan.json');
    writeFileSync(truncated, readFileSync(RDS_PLAN, 'utf8').slice(0, 1500));
    assertBadInput(cli('evaluate', truncated), truncated);
  });

  test('missing input file and missing contract', () => {
    const missing = join(tmp, 'no-such-plan.json');
    assertBadInput(cli('evaluate', missing), `${missing}: no such file or directory`);
    assertBadInput(cli('evaluate', '--contract', join(tmp, 'nope.yaml'), RDS_PLAN), 'nope.yaml: no such file or directory');
  });

  test('a file that is neither a plan nor a manifest', () => {
    const text = join(tmp, 'notes.txt');
    writeFileSync(text, 'just some release notes\nnothing to evaluate\n');
    assertBadInput(cli('evaluate', text), text);
    const json = join(tmp, 'other.json');
    writeFileSync(json, '{"hello": "world"}\n');
    assertBadInput(cli('evaluate', json), json);
  });

  test('a contract with an error names the contract file and line', () => {
    const contract = join(tmp, 'bad-contract.yaml');
    writeFileSync(contract, 'apiVersion: countersign.dev/v1\nkind: Contract\nmetadata: {name: x}\nspec:\n  overrides:\n    no-such-policy: {enabled: false}\n');
    assertBadInput(cli('evaluate', '--contract', contract, RDS_PLAN), new RegExp(`${contract.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+`));
  });

  test('an unwritable --output path', () => {
    const out = join(tmp, 'no-such-dir', 'report.json');
    assertBadInput(cli('evaluate', '--format', 'json', '--output', out, RDS_PLAN), `${out}: cannot write the report`);
  });
});

describe('countersign test', () => {
  test('the built-in packs pass their own tests: every pack, every case', () => {
    const r = cli('test');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^PASS /m);
    // Issue 14: each pack the folder holds runs (the PSS and cloud packs too), at its newest version.
    const root = packsRoot();
    const packs = listPacks(root);
    for (const pack of ['baseline', 'pss-baseline', 'pss-restricted', 'cloud-hardening']) assert.ok(packs.includes(pack), pack);
    for (const pack of packs) assert.match(r.stdout, new RegExp(`^== pack ${pack} \\(version ${livePackVersion(pack, root)}\\)$`, 'm'));
    const cases = packs.reduce((n, pack) => n + loadPack(pack, root).reduce((m, p) => m + p.tests.length, 0), 0);
    assert.equal(r.stdout.match(/^PASS /gm)?.length, cases);
    assert.match(r.stdout, new RegExp(`^${cases} passed, 0 failed\n$`, 'm'));
  });

  /** A pack with one policy whose first case is right and second case is wrong. */
  function writePack(condition: string): string {
    const dir = join(tmp, `packs-${Math.random().toString(36).slice(2)}`, 'demo');
    const policyDir = join(dir, 'db-encrypted');
    mkdirSync(join(policyDir, 'tests'), { recursive: true });
    copyFileSync(RDS_PLAN, join(policyDir, 'tests', 'rds.tfplan.json'));
    writeFileSync(join(dir, 'pack.yaml'), 'name: demo\ndescription: test pack\n');
    writeFileSync(join(policyDir, 'policy.yaml'), [
      'id: db-encrypted',
      'title: Databases are encrypted',
      'description: test',
      'severity: high',
      'enforcement: deny',
      'match: {types: [aws_db_instance]}',
      `condition: '${condition}'`,
      'message: "{{ resource.address }} is not encrypted"',
      'remediation: Set storage_encrypted.',
      'tests:',
      '  - name: unencrypted db fails',
      '    input: tests/rds.tfplan.json',
      '    expectFail: [aws_db_instance.default]',
      '  - name: wrongly expects a pass',
      '    input: tests/rds.tfplan.json',
      '    expectFail: []',
      '',
    ].join('\n'));
    return dir;
  }

  test('a wrong expectation in a pack makes it exit 1 with the mismatch', () => {
    const pack = writePack('lookup(object, "storage_encrypted", false) == true');
    const r = cli('test', pack);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^PASS db-encrypted: unencrypted db fails$/m);
    assert.match(r.stdout, /^FAIL db-encrypted: wrongly expects a pass$/m);
    assert.match(r.stdout, /aws_db_instance\.default: expected to pass, but it failed: aws_db_instance\.default is not encrypted/);
    assert.match(r.stdout, /^1 passed, 1 failed\n$/m);
    // One policy folder works too.
    assert.equal(cli('test', join(pack, 'db-encrypted')).code, 1);
  });

  test('a policy that does not compile: exit 2 naming its file', () => {
    const pack = writePack('object.storage_encrypted ==');
    const r = cli('test', pack);
    assertBadInput(r, /db-encrypted[/\\]policy\.yaml:\d+/);
  });

  test("a contract file: runs the contract's own policies, inputs relative to the contract", () => {
    const dir = join(tmp, 'contract-with-tests');
    mkdirSync(join(dir, 'tests'), { recursive: true });
    copyFileSync(RDS_PLAN, join(dir, 'tests', 'rds.tfplan.json'));
    writeFileSync(join(dir, 'contract.yaml'), [
      'apiVersion: countersign.dev/v1',
      'kind: Contract',
      'metadata: {name: own-policies}',
      'spec:',
      '  extends: []',
      '  policies:',
      '    - id: db-public',
      '      title: Databases are private',
      '      description: test',
      '      severity: high',
      '      enforcement: deny',
      '      match: {types: [aws_db_instance]}',
      '      condition: lookup(object, "publicly_accessible", false) != true',
      '      message: "{{ resource.address }} is public"',
      '      tests:',
      '        - {name: public db fails, input: tests/rds.tfplan.json, expectFail: [aws_db_instance.default]}',
      '',
    ].join('\n'));
    const r = cli('test', join(dir, 'contract.yaml'));
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, 'PASS db-public: public db fails\n1 passed, 0 failed\n');
  });

  test('a missing target: exit 2', () => {
    assertBadInput(cli('test', join(tmp, 'no-such-pack')), 'no-such-pack: no such file or directory');
    assert.ok(!existsSync(join(tmp, 'no-such-pack')));
  });
});

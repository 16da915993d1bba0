// `countersign drift` end to end: the BUILT CLI, a real workspace holding the install's approved
// change set, and snapshots in Terraform's shapes. Exit codes: 0 no (or only acknowledged)
// drift, 1 unacknowledged drift, 2 bad input with nothing on stdout.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importChangeSet } from '../core/app';
import { initWorkspace } from '../core/store';
import { repoRoot } from '../core/testing/corpus';
import { ensureCliBuilt } from '../core/testing/built-cli';
import { PRIVATE_INGRESS, liveStateJson, refreshPlanJson, writeApprovedBundle } from '../core/testing/drift-fixtures';
import { PlantedSecrets, assertNoPlanted } from '../core/testing/planted-secrets';

const tmp = mkdtempSync(join(tmpdir(), 'countersign-drift-cli-'));
const WS = join(tmp, 'ws', 'countersign.db');
const planted = new PlantedSecrets();
const secrets = { approvedPassword: planted.plant('approved password'), livePassword: planted.plant('live password'), liveToken: planted.plant('unapproved user_data') };

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }
const runs: Run[] = [];

function cli(args: readonly string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), 'drift', ...args], {
    cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: '', ...env },
  });
  assert.ok(!r.stderr.includes('    at '), `stack trace in stderr: ${r.stderr}`);
  const run = { code: r.status, stdout: r.stdout, stderr: r.stderr };
  runs.push(run);
  return run;
}

function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

function badInput(r: Run, mention: RegExp): void {
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '', 'nothing half-printed');
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line: ${r.stderr}`);
  assert.match(r.stderr, mention);
}

before(async () => {
  ensureCliBuilt();
  const ws = initWorkspace(WS);
  try {
    const bundle = writeApprovedBundle(join(tmp, 'bundle'), secrets);
    const { digest } = await importChangeSet(ws, [bundle]);
    ws.changeSets.setChangeSetState(digest, 'approved', { reason: 'test: approved by quorum' });
    // Helm-style output that names no namespace (applied with -n).
    const k8s = join(tmp, 'k8s-bundle');
    mkdirSync(k8s);
    writeFileSync(join(k8s, 'changeset.yaml'), 'apiVersion: countersign.dev/v1\nkind: ChangeSet\nmetadata: {vendor: Acme Analytics, app: acme-analytics, install: k8s-eu, release: 1.0.0}\nartifacts:\n  - {kind: kubernetes, path: release.yaml}\n');
    writeFileSync(join(k8s, 'release.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {level: info}\n');
    ws.changeSets.setChangeSetState((await importChangeSet(ws, [k8s])).digest, 'approved');
  } finally {
    ws.close();
  }
});

after(() => {
  assertNoPlanted(planted, runs.flatMap((r, i) => [{ where: `run ${i} stdout`, text: r.stdout }, { where: `run ${i} stderr`, text: r.stderr }]));
  rmSync(tmp, { recursive: true, force: true });
});

describe('countersign drift (built CLI)', () => {
  test('state with a console-opened security group: exit 1, the drift and the exposure finding', () => {
    const state = file('state.json', liveStateJson(secrets));
    const r = cli(['--install', 'prod-eu', '--workspace', WS, state]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /changed: aws_security_group\.web/);
    assert.match(r.stdout, /ingress\[1\]: \(absent\) -> .*0\.0\.0\.0\/0/);
    assert.match(r.stdout, /added outside the pipeline: aws_instance\.debug/);
    assert.match(r.stdout, /removed \(missing live\): aws_s3_bucket\.logs/);
    assert.match(r.stdout, /no-public-ingress on aws_security_group\.web/);
  });

  test('state as approved: exit 0, no drift', () => {
    const state = file('same.json', liveStateJson(secrets, { ingress: [PRIVATE_INGRESS], keepBucket: true, addedInstance: false }));
    const r = cli(['--install', 'prod-eu', state], { COUNTERSIGN_WORKSPACE: WS });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /no drift/);
  });

  test('a refresh-only plan needs no workspace; JSON output is one document for every snapshot', () => {
    const plan = file('refresh.json', refreshPlanJson(secrets));
    const same = file('same2.json', liveStateJson(secrets, { ingress: [PRIVATE_INGRESS], keepBucket: true, addedInstance: false }));
    assert.equal(cli(['--install', 'prod-eu', plan]).code, 1);
    const r = cli(['--install', 'prod-eu', '--workspace', WS, '--format', 'json', plan, same]);
    assert.equal(r.code, 1, r.stderr);
    const json = JSON.parse(r.stdout) as { driftReports: { snapshot: { kind: string }; items: unknown[]; evaluation: { findings: { policy: string }[] } }[]; unacknowledged: number };
    assert.deepEqual(json.driftReports.map((d) => [d.snapshot.kind, d.items.length]), [['terraform-refresh-plan', 3], ['terraform-state', 0]]);
    assert.equal(json.unacknowledged, 3);
    assert.ok(json.driftReports[0]!.evaluation.findings.some((f) => f.policy === 'no-public-ingress'));
  });

  test('live Kubernetes objects: what the approved change set never applied is added outside the pipeline; Secret data never shown', () => {
    const token = Buffer.from(planted.plant('live Secret data')).toString('base64');
    const live = file('live.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: debug, namespace: acme}\ndata: {level: trace}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: creds, namespace: acme}\ntype: Opaque\ndata: {token: ${token}}\n`);
    for (const format of ['text', 'json']) {
      const r = cli(['--install', 'prod-eu', '--workspace', WS, '--format', format, live]);
      assert.equal(r.code, 1, r.stderr);
      assert.ok(r.stdout.includes('ConfigMap/acme/debug') && r.stdout.includes('Secret/acme/creds'), r.stdout);
      assert.ok(!r.stdout.includes(token));
    }
  });

  test('--namespace names where approved objects without one live; without it several candidates are refused', () => {
    const live = file('two-ns.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: ns1}\ndata: {level: info}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: ns2}\ndata: {level: debug}\n');
    const refused = cli(['--install', 'k8s-eu', '--workspace', WS, live]);
    assert.equal(refused.code, 2, refused.stdout + refused.stderr);
    assert.equal(refused.stdout, '');
    const r = cli(['--install', 'k8s-eu', '--workspace', WS, '--namespace', 'ns1', '--format', 'json', live]);
    assert.equal(r.code, 1, r.stderr);
    const items = (JSON.parse(r.stdout) as { driftReports: { items: { address: string; kind: string }[] }[] }).driftReports[0]!.items;
    assert.deepEqual(items.map((i) => [i.address, i.kind]), [['ConfigMap/ns2/cfg', 'added']]);
    badInput(cli(['--install', 'k8s-eu', '--workspace', WS, '--vendor-manager', ' ', live]), /field manager name cannot be empty/);
  });

  test('bad input is exit 2 with the file and line, and nothing printed, even after a good snapshot', () => {
    const good = file('good.json', refreshPlanJson(secrets));
    badInput(cli(['--install', 'prod-eu', good, file('dup.json', '{"format_version": "1.0",\n"format_version": "1.1"}')]), /dup\.json:2:1: duplicate key/);
    badInput(cli(['--install', 'prod-eu', good, file('big.json', '{"format_version": "1.0", "values": {"root_module": {"resources": [\n{"address": "a.b", "type": "a", "name": "b", "values": {"n": 9007199254740993}}]}}}')]), /big\.json:2:\d+: the number 9007199254740993 cannot be compared exactly/);
    badInput(cli(['--install', 'prod-eu', file('surrogate.json', '{"format_version": "1.0",\n"terraform_version": "\\ud800"}')]), /surrogate\.json:2:\d+: .*lone surrogate/);
    badInput(cli(['--install', 'prod-eu', file('other.json', '{"hello": 1}')]), /other\.json:1:1: no "format_version"/);
    badInput(cli(['--install', 'prod-eu', join(tmp, 'missing.json')]), /missing\.json: cannot read \(ENOENT\)/);
    const deep = file('deep.json', `{"format_version": "1.0", "values": ${'['.repeat(400)}${']'.repeat(400)}}`);
    badInput(cli(['--install', 'prod-eu', deep]), /deep\.json:1:\d+: nesting deeper/);
  });

  test('usage errors are exit 2: no install, no snapshot, state without a workspace, an unknown format', () => {
    const state = file('state2.json', liveStateJson(secrets));
    badInput(cli([state]), /drift needs --install/);
    badInput(cli(['--install', 'prod-eu']), /drift needs a SNAPSHOT/);
    badInput(cli(['--install', 'prod-eu', state]), /needs the last approved change set: pass --workspace/);
    badInput(cli(['--install', 'prod-eu', '--format', 'sarif', state]), /unknown format 'sarif'/);
    badInput(cli(['--install', 'prod-xx', '--workspace', WS, state]), /no approved change set for this install/);
  });

  test('--help documents the exit codes', () => {
    const r = cli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /0 no drift, or only acknowledged drift; 1 unacknowledged drift/);
  });
});

// The drift report: keyed items, the live state judged by the contract, and its renderings.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileContract, defaultContract } from '../engine';
import { loadTerraformPlan } from '../loaders/terraform';
import { changeSet } from '../testing/engine-fixtures';
import { PRIVATE_INGRESS, approvedPlanJson, liveStateJson, refreshPlanJson } from '../testing/drift-fixtures';
import type { DriftSecrets } from '../testing/drift-fixtures';
import { PlantedSecrets, assertNoPlanted } from '../testing/planted-secrets';
import type { ChangeSet } from '../model/changeset';
import type { DriftItem, DriftReport } from './drift-types';
import { buildDriftReport, compareSnapshot, driftItemKey } from './drift-report';
import { loadDriftSnapshot } from './load-snapshot';
import { openDriftItems, renderDriftJson, renderDriftText } from './render-drift';

const FIXED: DriftSecrets = { approvedPassword: 'approved-pw', livePassword: 'live-pw', liveToken: 'token' };
const AT = new Date('2026-12-01T08:00:00Z');
const contract = compileContract(defaultContract());

function approved(s: DriftSecrets = FIXED): ChangeSet {
  return changeSet(loadTerraformPlan('infra/plan.json', approvedPlanJson(s)), { vendor: 'Acme', install: 'prod-eu' });
}

function report(file: string, text: string, approvedSet: ChangeSet | null = approved(), install = 'prod-eu'): DriftReport {
  const snapshot = loadDriftSnapshot(file, Buffer.from(text));
  const { items, liveResources } = compareSnapshot(snapshot, approvedSet);
  return buildDriftReport({ install, snapshot, approvedChangeSet: approvedSet, items, liveResources, contract, at: AT });
}

describe('drift report', () => {
  test('a console edit that opens a security group to 0.0.0.0/0 is a finding, from state as from a refresh-only plan', () => {
    for (const [file, text] of [['state.json', liveStateJson(FIXED)], ['refresh.json', refreshPlanJson(FIXED)]] as const) {
      const r = report(file, text);
      const open = r.evaluation.findings.filter((f) => f.policy === 'no-public-ingress');
      assert.deepEqual(open.map((f) => [f.resource.address, f.resource.drift, f.status]), [['aws_security_group.web', true, 'fail']], file);
      assert.match(open[0]!.message, /0\.0\.0\.0\/0/);
      assert.equal(open[0]!.location.file, file, 'the finding points into the snapshot');
      if (file === 'refresh.json') {
        // At the live `ingress` of the drift entry (its `after`), not just at the entry.
        const lines = text.split('\n');
        const ingress = lines.map((l, i) => (l.includes('"ingress": [') ? i + 1 : 0)).filter(Boolean);
        assert.equal(open[0]!.location.line, ingress[1], 'the second "ingress" is the live one');
      }
      assert.notEqual(r.evaluation.verdict, 'pass');
    }
  });

  test('the same group closed again live: drift of other resources, and no exposure finding', () => {
    const r = report('state.json', liveStateJson(FIXED, { ingress: [PRIVATE_INGRESS] }));
    assert.deepEqual(r.evaluation.findings.filter((f) => f.policy === 'no-public-ingress'), []);
    assert.ok(!r.items.some((i) => i.address === 'aws_security_group.web'));
  });

  test('only drifted resources are judged: an approved resource unchanged live adds no finding', () => {
    const r = report('state.json', liveStateJson(FIXED, { ingress: [PRIVATE_INGRESS], keepBucket: true, addedInstance: false }));
    assert.deepEqual(r.items, []);
    assert.equal(r.evaluation.summary.resources, 0);
    assert.equal(r.evaluation.verdict, 'pass');
  });

  test('the report names the install, the snapshot and the approved change set it compared with', () => {
    const state = report('state.json', liveStateJson(FIXED));
    assert.equal(state.approvedChangeSet, 'sha256:test');
    assert.equal(state.snapshot.kind, 'terraform-state');
    assert.match(state.snapshot.sha256, /^[0-9a-f]{64}$/);
    assert.equal(state.contractDigest, contract.contract.digest);
    assert.equal(state.createdAt, AT.toISOString());
    assert.equal(report('refresh.json', refreshPlanJson(FIXED)).approvedChangeSet, '');
  });

  test('state needs an approved change set; a refresh-only plan does not', () => {
    assert.throws(() => report('state.json', liveStateJson(FIXED), null), /no approved change set/);
    assert.equal(report('refresh.json', refreshPlanJson(FIXED), null).items.length, 3);
  });

  test('an item key names install, resource and live values: an acknowledgement does not cover a later, different drift', () => {
    const item: DriftItem = { key: '', source: 'terraform', address: 'aws_security_group.web', type: 'aws_security_group', kind: 'changed', otherManagersOnly: false, fields: [{ path: ['ingress', 1], approved: '(absent)', live: '"0.0.0.0/0"' }] };
    const key = driftItemKey('prod-eu', item);
    assert.match(key, /^sha256:[0-9a-f]{64}$/);
    assert.equal(driftItemKey('prod-eu', { ...item, location: { file: 'other.json', line: 9, column: 1 } } as DriftItem), key, 'where the snapshot shows it is not part of the drift');
    assert.equal(driftItemKey('prod-eu', { ...item, fields: [{ ...item.fields[0]!, approved: 'x' }] }), key, 'only the live value names the drift');
    for (const other of [
      driftItemKey('prod-us', item),
      driftItemKey('prod-eu', { ...item, address: 'aws_security_group.db' }),
      driftItemKey('prod-eu', { ...item, kind: 'added' }),
      driftItemKey('prod-eu', { ...item, fields: [{ ...item.fields[0]!, live: '"10.0.0.0/8"' }] }),
      driftItemKey('prod-eu', { ...item, fields: [{ ...item.fields[0]!, path: ['ingress', '1'] }] }),
      driftItemKey('prod-eu', { ...item, source: 'kubernetes' }),
    ]) assert.notEqual(other, key);
    // The same snapshot read twice gives the same keys.
    assert.deepEqual(report('state.json', liveStateJson(FIXED)).items.map((i) => i.key), report('state.json', liveStateJson(FIXED)).items.map((i) => i.key));
  });

  test('acknowledged items and items changed only by other field managers do not count as open drift', () => {
    const r = report('state.json', liveStateJson(FIXED));
    assert.equal(openDriftItems(r, new Set()).length, 3);
    assert.equal(openDriftItems(r, new Set(r.items.map((i) => i.key))).length, 0);
    const hpa = { ...r, items: r.items.map((i) => ({ ...i, otherManagersOnly: true })) };
    assert.equal(openDriftItems(hpa, new Set()).length, 0);
  });

  test('no planted secret reaches the report, its text or its JSON', () => {
    const s = new PlantedSecrets();
    const secrets = { approvedPassword: s.plant('approved password'), livePassword: s.plant('live password'), liveToken: s.plant('unapproved instance user_data') };
    const reports = [report('state.json', liveStateJson(secrets), approved(secrets)), report('refresh.json', refreshPlanJson(secrets), approved(secrets))];
    assert.ok(reports[1]!.items.some((i) => i.address === 'aws_db_instance.db'), 'the changed password is drift in the refresh-only plan');
    assertNoPlanted(s, [
      { where: 'report objects', text: JSON.stringify(reports) },
      { where: 'text', text: renderDriftText(reports, new Set()) },
      { where: 'json', text: renderDriftJson(reports, new Set()) },
    ]);
  });

  test('vendor names are escaped in the text and JSON renderings (no terminal escapes, no bidi overrides)', () => {
    const hostile = refreshPlanJson(FIXED).replaceAll('aws_security_group.web', 'aws_security_group.w\\u001b]0;owned\\u0007\\u202eeb');
    const r = report('refresh.json', hostile, null, 'prod\u001b[31m');
    for (const text of [renderDriftText([r], new Set()), renderDriftJson([r], new Set())]) {
      assert.ok(!/[\u001b\u0007\u202e]/.test(text), text);
    }
    assert.match(renderDriftText([r], new Set()), /aws_security_group\.w\\x1b\]0;owned\\x07\\u\{202E\}eb/);
    const parsed = JSON.parse(renderDriftJson([r], new Set())) as { driftReports: DriftReport[] };
    assert.ok(parsed.driftReports[0]!.items.some((i) => i.address.includes('\u202e')), 'JSON keeps the exact value, escaped');
  });

  test('the JSON rendering lists acknowledged keys and counts open items', () => {
    const r = report('state.json', liveStateJson(FIXED));
    const ack = new Set([r.items[0]!.key]);
    const json = JSON.parse(renderDriftJson([r], ack)) as { acknowledged: string[]; unacknowledged: number };
    assert.deepEqual(json.acknowledged, [r.items[0]!.key]);
    assert.equal(json.unacknowledged, 2);
    assert.match(renderDriftText([r], ack), /\[acknowledged\]/);
  });
});

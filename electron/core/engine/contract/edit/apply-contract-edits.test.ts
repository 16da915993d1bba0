import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ContractEdit } from '../../../base/contract-edits';
import { EDIT_FIXTURES, FIXTURE_PACKS, fixtureContext } from '../../../testing/contract-edit-fixtures';
import type { EditFixture } from '../../../testing/contract-edit-fixtures';
import { assertOnlyTouched, expectedAfter } from '../../../testing/contract-edit-model';
import { parseContract } from '../parse-contract';
import { applyContractEdits } from './apply-contract-edits';

function edited(text: string, edits: readonly ContractEdit[]): string {
  const r = applyContractEdits(text, edits, fixtureContext);
  assert.ok(r.ok, JSON.stringify(r));
  return r.text;
}

const fixture = (name: string): EditFixture => {
  const f = EDIT_FIXTURES.find((x) => x.name.startsWith(name));
  assert.ok(f, name);
  return f;
};

const LONG_CEL = 'object.spec.containers.all(c,\n  c.image.startsWith("ghcr.io/acme/") # not a YAML comment\n)';

/** One edit per op, fitted to a fixture (null: the op has nothing to act on there). */
const OPS: Record<string, (f: EditFixture) => ContractEdit | null> = {
  setParameter: () => ({ op: 'setParameter', policy: 'approved-registries', name: 'registries', value: ['ghcr.io/acme/', 'quay.io/x: y'] }),
  clearParameter: () => ({ op: 'clearParameter', policy: 'approved-registries', name: 'registries' }),
  'setOverride (v2 fields)': () => ({ op: 'setOverride', policy: 'required-tags', enforcement: 'approval', enabled: false }),
  'setOverride (shadow, upgrades to v3)': () => ({ op: 'setOverride', policy: 'approved-registries', shadow: true }),
  'setOverride (clear)': () => ({ op: 'setOverride', policy: 'approved-registries', clear: ['enabled'] }),
  'setPolicyField condition': (f) => (f.own[0] ? { op: 'setPolicyField', policy: f.own[0], field: 'condition', value: LONG_CEL } : null),
  'setPolicyField match': (f) => (f.own[0] ? { op: 'setPolicyField', policy: f.own[0], field: 'match', value: { types: ['Deployment'], namespaces: ['prod-*'] } } : null),
  'setPolicyField path (remove)': (f) => (f.own[0] ? { op: 'setPolicyField', policy: f.own[0], field: 'path', value: null } : null),
  addPolicy: () => ({ op: 'addPolicy', policy: { id: 'no-latest', title: 'No :latest', severity: 'medium', enforcement: 'deny', match: { types: ['image'] }, condition: LONG_CEL } }),
  removePolicy: (f) => (f.own[0] ? { op: 'removePolicy', policy: f.own[0] } : null),
  forkPolicy: () => ({ op: 'forkPolicy', from: 'required-tags', id: 'my-tags' }),
  'addTest (inline)': (f) => (f.own[0] ? { op: 'addTest', policy: f.own[0], test: { name: 'public LB fails', resource: { source: 'kubernetes', type: 'Service', address: 'default/Service/lb', action: 'create', after: { spec: { type: 'LoadBalancer' } } }, expect: 'fail' } } : null),
  removeTest: (f) => (f.own[0] && f.testName ? { op: 'removeTest', policy: f.own[0], name: f.testName } : null),
  setApprovals: () => ({ op: 'setApprovals', quorum: 2, maxExceptionDays: 7 }),
  'setApprovals separationOfDuties (v4)': () => ({ op: 'setApprovals', exceptionQuorum: 2, separationOfDuties: { requesterMayWaiveAlone: false, approverMaySignReliedExceptions: false } }),
  'setVendorSignature (v4)': () => ({ op: 'setVendorSignature', rule: 'required' }),
  'setMetadata vendor': () => ({ op: 'setMetadata', vendor: 'Acme: "EU" #1' }),
  'setMetadata install': () => ({ op: 'setMetadata', install: 'prod-eu-2' }),
  'setMetadata install (remove)': () => ({ op: 'setMetadata', install: null }),
  'upsertReviewer (new)': () => ({ op: 'upsertReviewer', entry: { name: 'Carol', email: 'carol@example.com', fingerprint: 'sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc', publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n', roles: ['approver'] } }),
  'upsertReviewer (existing)': (f) => (f.fingerprint ? { op: 'upsertReviewer', entry: { name: 'Alice E.', fingerprint: f.fingerprint, publicKey: 'PEM', roles: ['approver'] } } : null),
  revokeReviewer: (f) => (f.fingerprint ? { op: 'revokeReviewer', fingerprint: f.fingerprint, at: '2026-11-30T10:00:00Z' } : null),
  removeReviewer: (f) => (f.fingerprint ? { op: 'removeReviewer', fingerprint: f.fingerprint } : null),
};

const IDEMPOTENT = new Set(['setParameter', 'clearParameter', 'setOverride', 'setPolicyField', 'setApprovals', 'setVendorSignature', 'setMetadata', 'upsertReviewer', 'revokeReviewer']);

describe('applyContractEdits: every op over every style', () => {
  for (const f of EDIT_FIXTURES) {
    for (const [name, make] of Object.entries(OPS)) {
      const e = make(f);
      if (!e) continue;
      test(`${name} on ${f.name}`, () => {
        const want = expectedAfter(parse(f.text), e, FIXTURE_PACKS);
        const r = applyContractEdits(f.text, [e], fixtureContext);
        if (want === 'problem') {
          assert.equal(r.ok, false);
          return;
        }
        assert.ok(r.ok, JSON.stringify(r));
        assert.deepEqual(parse(r.text), want, r.text);
        assertOnlyTouched(f.text, r.text, e);
        // Setting again what is already set changes no byte.
        if (IDEMPOTENT.has(e.op)) assert.equal(edited(r.text, [e]), r.text);
      });
    }
  }
});

describe('applyContractEdits: exact text', () => {
  test('an override inside a flow mapping is edited inside it, and only the apiVersion moves to v3', () => {
    const f = fixture('flow-style').text;
    assert.equal(edited(f, [{ op: 'setOverride', policy: 'approved-registries', shadow: true }]), f
      .replace('countersign.dev/v2', 'countersign.dev/v3')
      .replace('{approved-registries: {enabled: false}}', '{approved-registries: {enabled: false, shadow: true}}'));
  });

  test('a v1 contract is upgraded in place: the apiVersion and each bare extends name, nothing else', () => {
    const f = fixture('v1').text;
    assert.equal(edited(f, [{ op: 'setMetadata', install: 'prod-eu' }]), f
      .replace('countersign.dev/v1', 'countersign.dev/v3')
      .replace('extends: [baseline]', 'extends: [{pack: baseline, version: 1}]')
      .replace('  vendor: example-vendor\n', '  vendor: example-vendor\n  install: prod-eu\n'));
  });

  test('setting separation of duties upgrades v1 to v4 in place (bare extends pinned), nothing else moves', () => {
    const f = fixture('v1').text;
    const out = edited(f, [{ op: 'setApprovals', separationOfDuties: { approverMaySignReliedExceptions: false } }]);
    assert.match(out, /^apiVersion: countersign\.dev\/v4\n/);
    assert.ok(out.includes('extends: [baseline]') === false && out.includes('extends: [{pack: baseline, version: 1}]'), out);
    // A self-contained v2 contract loads as v4 with the rule set and the other default filled.
    const small = 'apiVersion: countersign.dev/v2\nkind: Contract\nmetadata: {name: x}\nspec:\n  approvals: {quorum: 2}\n';
    const c = parseContract('c.yaml', edited(small, [{ op: 'setApprovals', separationOfDuties: { approverMaySignReliedExceptions: false } }]));
    assert.equal(c.apiVersion, 'countersign.dev/v4');
    assert.deepEqual(c.approvals, { quorum: 2, exceptionQuorum: 1, maxExceptionDays: 30, separationOfDuties: { requesterMayWaiveAlone: false, approverMaySignReliedExceptions: false } });
  });

  test('a v3-only edit of a v4 contract keeps it v4 (never downgrades)', () => {
    const small = 'apiVersion: countersign.dev/v2\nkind: Contract\nmetadata: {name: x}\n';
    const v4 = edited(small, [{ op: 'setVendorSignature', rule: 'required' }]);
    assert.equal(v4, 'apiVersion: countersign.dev/v4\nkind: Contract\nmetadata: {name: x}\nspec:\n  vendorSignature: required\n');
    const out = edited(v4, [{ op: 'setMetadata', install: 'prod-eu' }]);
    assert.match(out, /^apiVersion: countersign\.dev\/v4\n/);
    const c = parseContract('c.yaml', out);
    assert.equal(c.vendorSignature, 'required');
    assert.equal(c.install, 'prod-eu');
  });

  test('a missing spec.parameters is inserted where the format puts it, in the file\'s indentation', () => {
    const f = fixture('comments everywhere').text;
    assert.equal(edited(f, [{ op: 'setParameter', policy: 'approved-registries', name: 'registries', value: ['ghcr.io/acme/'] }]), f
      .replace('            version: 2\n', '            version: 2\n    parameters:\n        approved-registries: {registries: [ghcr.io/acme/]}\n'));
  });

  test('an empty `overrides:` with a comment gets its entry below, the comment kept', () => {
    const f = fixture('comments everywhere').text;
    assert.equal(edited(f, [{ op: 'setOverride', policy: 'required-tags', enabled: false }]), f
      .replace('    overrides:   # none yet\n', '    overrides:   # none yet\n        required-tags: {enabled: false}\n'));
  });

  test('CRLF: a new test is written with CRLF, the list\'s indentation and its width after the dash', () => {
    const f = fixture('the same with CRLF').text;
    const out = edited(f, [{ op: 'addTest', policy: 'own-a', test: { name: 'ok', resource: { type: 'aws_s3_bucket' }, expect: 'pass' } }]);
    assert.equal(out, f
      .replace('countersign.dev/v2', 'countersign.dev/v3')
      .replace('                    input: fixtures/a.json\r\n', '                    input: fixtures/a.json\r\n                -   name: ok\r\n                    resource: {type: aws_s3_bucket}\r\n                    expect: pass\r\n'));
  });

  test('removing a policy takes its leading comment and leaves the next policy\'s', () => {
    const f = fixture('comments everywhere').text;
    const start = f.indexOf('        # Buckets\n');
    const end = f.indexOf('        # Ingress\n');
    assert.equal(edited(f, [{ op: 'removePolicy', policy: 'own-a' }]), f.slice(0, start) + f.slice(end));
  });

  test('a condition written as a folded block is rewritten as a literal block in its place', () => {
    const f = fixture('comments everywhere').text;
    assert.equal(edited(f, [{ op: 'setPolicyField', policy: 'own-a', field: 'condition', value: 'a &&\n  b' }]), f
      .replace('            condition: >-\n                object.acl\n                != "public-read"\n', '            condition: |-\n                a &&\n                  b\n'));
  });

  test('forkPolicy appends the pack policy as an own one, carries its parameter values over, and disables the original', () => {
    const f = fixture('flow-style').text;
    const out = edited(f, [{ op: 'forkPolicy', from: 'required-tags', id: 'my-tags' }]);
    const data = parse(out) as { spec: { policies: Record<string, unknown>[]; parameters: Record<string, unknown>; overrides: Record<string, unknown> } };
    assert.deepEqual(data.spec.policies[1], {
      id: 'my-tags', title: 'Pack required-tags', severity: 'high', enforcement: 'deny', match: { types: ['aws_*'] },
      parameters: { tags: { description: 'tags', default: [] } }, condition: 'params.tags.all(t,\n  t in object.tags)', remediation: 'Fix it.', tags: ['pack'],
    });
    assert.deepEqual(data.spec.parameters['my-tags'], { tags: ['owner'] });
    assert.deepEqual(data.spec.overrides['required-tags'], { enabled: false });
  });

  test('a byte-order mark stays where it is and does not count as indentation', () => {
    const f = '\ufeffapiVersion: countersign.dev/v2\nkind: Contract\nmetadata: {name: x}\n';
    const fp = `sha256:${'a'.repeat(64)}`;
    assert.equal(edited(f, [{ op: 'setApprovals', quorum: 2 }, { op: 'upsertReviewer', entry: { name: 'A', fingerprint: fp, publicKey: 'P', roles: ['approver'] } }]),
      `\ufeffapiVersion: countersign.dev/v3\nkind: Contract\nmetadata: {name: x}\nroster:\n  - name: A\n    fingerprint: ${fp}\n    publicKey: P\n    roles: [approver]\nspec:\n  approvals: {quorum: 2}\n`);
  });

  test('a batch applies in order; the second edit sees the first', () => {
    const f = fixture('the demo').text;
    const out = edited(f, [
      { op: 'addPolicy', policy: { id: 'mine', title: 'Mine', severity: 'low', enforcement: 'advisory', condition: 'true' } },
      { op: 'setPolicyField', policy: 'mine', field: 'description', value: 'Line one.\nLine two.\n' },
    ]);
    assert.match(out, /\n {4}- id: mine\n {6}title: Mine\n {6}description: \|\n {8}Line one\.\n {8}Line two\.\n {6}severity: low\n/);
  });
});

describe('the edited contract loads', () => {
  const root = mkdtempSync(join(tmpdir(), 'countersign-edit-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const writePolicy = (id: string, body: string) => {
    mkdirSync(join(root, 'baseline', id), { recursive: true });
    writeFileSync(join(root, 'baseline', id, 'policy.yaml'), `id: ${id}\ntitle: ${id}\n${body}`);
  };
  writePolicy('approved-registries', 'severity: high\nenforcement: deny\nparameters:\n  registries: {description: allowed prefixes, default: ["registry.example.com/"]}\n  strict: {default: true}\ncondition: "true"\n');
  writePolicy('required-tags', 'severity: low\nenforcement: deny\ncondition: "true"\n');

  test('v2-only edits on the v1 fixture: parameters, overrides, approvals and a new own policy resolve as written', () => {
    const out = edited(fixture('v1').text, [
      { op: 'setParameter', policy: 'approved-registries', name: 'registries', value: ['ghcr.io/acme/', 'x: #y'] },
      { op: 'setOverride', policy: 'required-tags', enabled: false },
      { op: 'setApprovals', exceptionQuorum: 3 },
      { op: 'addPolicy', policy: { id: 'no-latest', title: 'No latest', severity: 'low', enforcement: 'advisory', condition: LONG_CEL } },
      { op: 'setPolicyField', policy: 'no-public-buckets', field: 'enforcement', value: 'approval' },
    ]);
    const c = parseContract('contract.yaml', out, root);
    assert.equal(c.apiVersion, 'countersign.dev/v1');
    assert.deepEqual(c.parameters['approved-registries'], { registries: ['ghcr.io/acme/', 'x: #y'], strict: true });
    const byId = new Map(c.policies.map((p) => [p.id, p]));
    assert.equal(byId.get('required-tags')?.enabled, false);
    assert.equal(byId.get('required-tags')?.enforcement, 'advisory');
    assert.equal(byId.get('no-public-buckets')?.enforcement, 'approval');
    assert.equal(byId.get('no-latest')?.condition, LONG_CEL);
    assert.equal(c.approvals.exceptionQuorum, 3);
  });

  test('v3 edits on the v1 fixture: upgraded in place, it loads as v3 with shadow, install and roster', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const fingerprint = `sha256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
    const out = edited(fixture('v1').text, [
      { op: 'setOverride', policy: 'required-tags', shadow: true },
      { op: 'setMetadata', install: 'prod-eu' },
      { op: 'upsertReviewer', entry: { name: 'Alice Example', email: 'alice@example.com', fingerprint, publicKey: pem, roles: ['approver', 'contract-owner'] } },
      { op: 'revokeReviewer', fingerprint, at: '2026-11-30T10:00:00Z' },
    ]);
    const c = parseContract('contract.yaml', out, root);
    assert.equal(c.apiVersion, 'countersign.dev/v3');
    assert.deepEqual(c.packs?.map((p) => [p.pack, p.version]), [['baseline', 1]]);
    assert.equal(c.install, 'prod-eu');
    const tags = c.policies.find((p) => p.id === 'required-tags');
    assert.equal(tags?.shadow, true);
    assert.equal(tags?.enforcement, 'advisory');
    assert.deepEqual(c.roster?.map((r) => [r.name, r.fingerprint, r.publicKey, r.revoked]), [['Alice Example', fingerprint, pem, '2026-11-30T10:00:00Z']]);
  });

  test('the demo contract with a forked and a removed policy loads against the real packs', () => {
    const demo = fixture('the demo').text;
    const out = edited(demo, [
      { op: 'forkPolicy', from: 'images-approved-registries', id: 'my-registries' },
      { op: 'setParameter', policy: 'my-registries', name: 'registries', value: ['ghcr.io/acme/'] },
      { op: 'addPolicy', policy: { id: 'gone', title: 'Gone', severity: 'low', enforcement: 'advisory', condition: 'true' } },
      { op: 'setOverride', policy: 'gone', enabled: false },
      { op: 'removePolicy', policy: 'gone' },
    ]);
    const c = parseContract('contract.yaml', out);
    const byId = new Map(c.policies.map((p) => [p.id, p]));
    assert.equal(byId.get('images-approved-registries')?.enabled, false);
    assert.equal(byId.get('my-registries')?.pack, '');
    assert.deepEqual(c.parameters['my-registries'], { registries: ['ghcr.io/acme/'] });
    assert.equal(byId.has('gone'), false);
    // the untouched head of the file is byte-identical
    const head = demo.slice(0, demo.indexOf('  approvals:'));
    assert.ok(out.startsWith(head));
  });
});

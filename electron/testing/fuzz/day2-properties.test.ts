// The Day-2 fuzz targets' properties (issue 12) catch what they are for: a hand-made case of
// each kind of failure is reported (so a clean seeded pass means something).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { refreshPlanJson } from '../../core/testing/drift-fixtures';
import { fleetContractYaml } from '../../core/testing/fleet-fixtures';
import { BACKUP_FILE, backupBase } from './backup-cases';
import { TERRAFORM_INSTALL } from './drift-cases';
import type { FuzzCase } from './fuzz-case';
import { FuzzContext, runCase } from './run-case';
import type { Problem } from './run-case';
import { unescaped } from './run-drift-case';

const ctx = new FuzzContext();
after(() => ctx.close());

const kinds = (problems: readonly Problem[]): string[] => problems.map((p) => p.kind);

describe('Day-2 fuzz properties', () => {
  test('drift: a marker the snapshot does not mark sensitive, listed as secret, is reported as a leak; marked, it is not', async () => {
    const m = 'FZSECRET00abcdQ';
    const plan = (sensitive: boolean): string => {
      const text = refreshPlanJson({ approvedPassword: 'a', livePassword: m, liveToken: 'c' });
      return sensitive ? text : text.replace(/"before_sensitive": \{\s*"password": true\s*\},\s*"after_sensitive": \{\s*"password": true\s*\}/, '"before_sensitive": {}, "after_sensitive": {}');
    };
    const path = `${TERRAFORM_INSTALL}/refresh.json`;
    const c = (sensitive: boolean): FuzzCase => ({ label: 'hand-made', kind: 'structure', files: [{ path, data: plan(sensitive) }], input: path, secrets: [m] });
    const plain = await runCase('drift', c(false), ctx);
    assert.equal(plain.result, 'verdict');
    assert.ok(kinds(plain.problems).includes('leak'), JSON.stringify(plain.problems));
    assert.deepEqual((await runCase('drift', c(true), ctx)).problems, []);
  });

  test('unescaped: raw ESC, C1 and bidi characters in an output are reported; their escapes are not', () => {
    for (const raw of ['a\u001b[2Jb', 'c1\u009bx', 'bidi\u202ex', 'ls\u2028x', 'tab\tx']) {
      const problems: Problem[] = [];
      unescaped(problems, { out: raw });
      assert.equal(problems.length, 1, JSON.stringify(raw));
    }
    const clean: Problem[] = [];
    unescaped(clean, { out: 'a\\x1b[2Jb \\u{202E} line\nnext' });
    assert.deepEqual(clean, []);
  });

  test('fleet: a folder the generator knows is bad but that gives a matrix is a disagreement', async () => {
    const contract = (install: string): string => fleetContractYaml({ name: 'c', install });
    const files = [{ path: 'fleet/a.yaml', data: contract('acme-eu') }, { path: 'fleet/b.yaml', data: contract('globex') }];
    const wrong = await runCase('fleet', { label: 'hand-made', kind: 'structure', files, input: 'fleet', secrets: [], mustRefuse: 'said so by the test' }, ctx);
    assert.equal(wrong.result, 'verdict');
    assert.deepEqual(kinds(wrong.problems), ['disagreement']);
    const twice = [{ path: 'fleet/a.yaml', data: contract('acme-eu') }, { path: 'fleet/b.yaml', data: contract('acme-eu') }];
    const refused = await runCase('fleet', { label: 'hand-made', kind: 'structure', files: twice, input: 'fleet', secrets: [], mustRefuse: 'two contracts name one install' }, ctx);
    assert.equal(refused.result, 'error');
    assert.deepEqual(refused.problems, []);
  });

  test('backup: a restore that should have failed is a disagreement; a wrong passphrase is refused and the target left alone', async () => {
    const b = await backupBase();
    const files = [{ path: BACKUP_FILE, data: b.backup }, { path: 'target/countersign.db', data: b.existing }];
    const restored = await runCase('backup', { label: 'hand-made', kind: 'structure', files, input: BACKUP_FILE, secrets: [], restore: { passphrase: 'Ünïcödé backup passphrase 1', force: true, expect: 'fail' } }, ctx);
    assert.equal(restored.result, 'verdict');
    assert.deepEqual(kinds(restored.problems), ['disagreement']);
    const wrong = await runCase('backup', { label: 'hand-made', kind: 'structure', files, input: BACKUP_FILE, secrets: [], restore: { passphrase: 'not it at all!', force: true, expect: 'fail' } }, ctx);
    assert.equal(wrong.result, 'error');
    assert.deepEqual(wrong.problems, []);
  });
});

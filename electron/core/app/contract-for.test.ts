// Issue 9, "one contract per vendor": each change set is judged (and signed) by the contract its
// metadata selects: vendor + install, else the vendor's, else the default. A vendor-written
// selector that only looks like a contract's is refused, never quietly judged by the default.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { initWorkspace } from '../store';
import type { ContractRevision, Workspace } from '../store';
import { selectorContract, vendorBundle } from '../testing/vendor-fixtures';
import { selectContract, selectorKey, selectorOf } from './contract-selection';
import type { ContractHead } from './contract-selection';
import { ReviewSession } from './review';
import { changeSetDetail } from './review/change-set-detail';
import { contractView } from './review/contract-view';
import { impactTargets } from './impact/impact-targets';
import { approveChangeSet, contractFor, createKey, currentContract, importChangeSet, importContract, listChangeSets, showChangeSet } from './index';

const PASS = 'a long enough passphrase';
const dir = mkdtempSync(join(tmpdir(), 'countersign-contract-for-'));
const outboxDir = join(dir, 'outbox');
let ws: Workspace;

function saveContract(name: string, vendor: string, install: string, enforcement: 'deny' | 'approval' | 'advisory' | null): void {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, selectorContract(name, vendor, install, enforcement));
  importContract(ws, file, 'test');
}

async function imported(vendor: string, install: string): Promise<{ digest: string; verdict: string; contractDigest: string }> {
  const r = await importChangeSet(ws, [vendorBundle(dir, `${vendor}-${install}`, vendor, install)]);
  return { digest: r.digest, verdict: r.evaluation.verdict, contractDigest: r.evaluation.contractDigest };
}

const digestOf = (name: string) => ws.contracts.latestRevision(name)!.digest;

before(() => {
  ws = initWorkspace(join(dir, 'countersign.db'));
  saveContract('acme', 'acme', '', 'deny');
  saveContract('acme-eu', 'acme', 'prod-eu', 'approval');
  saveContract('beta', 'beta', '', 'advisory');
  saveContract('house', '', '', null);
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the contract a change set selects', () => {
  test('two vendors with different contracts get different verdicts, each under its own contract', async () => {
    const acme = await imported('acme', 'prod-us');
    const beta = await imported('beta', 'prod-us');
    assert.deepEqual([acme.verdict, acme.contractDigest], ['blocked', digestOf('acme')]);
    assert.deepEqual([beta.verdict, beta.contractDigest], ['pass', digestOf('beta')]);
  });

  test("an install-specific contract wins over the vendor's", async () => {
    const eu = await imported('acme', 'prod-eu');
    assert.deepEqual([eu.verdict, eu.contractDigest], ['needs-approval', digestOf('acme-eu')]);
    assert.equal(contractFor(ws, { vendor: 'acme', install: 'prod-eu' }).contract.name, 'acme-eu');
    assert.equal(contractFor(ws, { vendor: 'acme', install: 'staging' }).contract.name, 'acme');
  });

  test('a change set no vendor contract selects is judged by the default contract (currentContract)', async () => {
    const other = await imported('zeta', 'x');
    assert.deepEqual([other.verdict, other.contractDigest], ['pass', digestOf('house')]);
    assert.equal(currentContract(ws).contract.name, 'house');
    // The install of another vendor's contract selects nothing for this vendor.
    assert.equal(contractFor(ws, { vendor: 'zeta', install: 'prod-eu' }).contract.name, 'house');
  });

  test('the review header and `changeset show` name the contract that judged the change set', async () => {
    const { digest } = await imported('acme', 'prod-eu');
    const session = new ReviewSession(ws);
    assert.deepEqual([changeSetDetail(session, digest).contractName, changeSetDetail(session, digest).verdict], ['acme-eu', 'needs-approval']);
    const shown = showChangeSet(ws, digest);
    assert.deepEqual([shown.contract?.name, shown.evaluationIsCurrent], ['acme-eu', true]);
  });

  test('the contract screen without a name shows the default contract; a workspace with only vendor contracts shows the latest and stores nothing', () => {
    assert.equal(contractView(new ReviewSession(ws)).name, 'house');
    assert.equal(contractView(new ReviewSession(ws), 'acme-eu').name, 'acme-eu');
    const other = initWorkspace(join(dir, 'vendor-only.db'));
    try {
      const file = join(dir, 'only.yaml');
      writeFileSync(file, selectorContract('only', 'acme', '', null));
      importContract(other, file, 'test');
      assert.equal(contractView(new ReviewSession(other)).name, 'only');
      assert.equal(other.contracts.listRevisions().length, 1);
    } finally {
      other.close();
    }
  });

  test('an impact replay of a contract covers exactly the change sets it judges', async () => {
    const eu = await imported('acme', 'prod-eu');
    const us = await imported('acme', 'prod-us');
    const other = await imported('zeta', 'x');
    const targets = (name: string) => new Set(impactTargets(ws, name).map((t) => t.digest));
    assert.ok(targets('acme-eu').has(eu.digest) && !targets('acme-eu').has(us.digest));
    assert.ok(targets('acme').has(us.digest) && !targets('acme').has(eu.digest) && !targets('acme').has(other.digest));
    assert.ok(targets('house').has(other.digest) && !targets('house').has(us.digest));
  });

  test('approvals are signed under the contract that selects the change set', async () => {
    const key = await createKey(ws, { name: 'Alice', passphrase: PASS });
    const eu = await imported('acme', 'prod-eu');
    const other = await imported('zeta', 'x');
    for (const [digest, name] of [[eu.digest, 'acme-eu'], [other.digest, 'house']] as const) {
      const r = await approveChangeSet(ws, { digest, keyId: key.id, passphrase: PASS, outboxDir });
      assert.equal(r.contractDigest, digestOf(name));
      const statement = JSON.parse(Buffer.from((JSON.parse(readFileSync(r.path, 'utf8')) as { payload: string }).payload, 'base64').toString('utf8')) as { predicate: { contract: { name: string; digest: string } } };
      assert.deepEqual(statement.predicate.contract, { name, digest: digestOf(name) });
      assert.equal(r.state, 'approved');
    }
  });

  test('a vendor or install that only reads like a contract\'s is refused at import, and nothing is stored', async () => {
    const before = listChangeSets(ws).length;
    for (const [vendor, install] of [['ACME', 'prod-us'], ['acme ', 'prod-us'], ['ａｃｍｅ', 'prod-us'], ['ac\u200bme', 'prod-us'], ['acme', 'prod-EU'], ['acme', 'prod-eu\u00a0']]) {
      await assert.rejects(imported(vendor!, install!), /reads the same/, JSON.stringify([vendor, install]));
    }
    assert.equal(listChangeSets(ws).length, before);
  });
});

describe('a stored contract\'s selector', () => {
  test('is read as the contract parser reads it (an alias is the aliased vendor)', () => {
    const content = 'apiVersion: countersign.dev/v2\nkind: Contract\nx: &v acme\nmetadata: {name: aliased, vendor: *v}\nspec: {}\n';
    assert.deepEqual(selectorOf({ contract: 'aliased', digest: `sha256:${'1'.repeat(64)}`, content }), { vendor: 'acme', install: '' });
  });
});

describe('selectContract over any selector (property)', () => {
  const head = (id: number, vendor: string, install: string): ContractHead => ({
    revision: { id, contract: `c${id}`, revision: 1, content: '', digest: `sha256:${'0'.repeat(64)}`, author: '', authorKeyId: null, comment: '', createdAt: '', publishedEnvelope: null, publishedAt: null } satisfies ContractRevision,
    vendor, install,
  });
  const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ._-]{0,15}$/).filter((s) => selectorKey(s) !== '');
  /** Spellings a vendor could send that read as `s`: case, spaces, zero-width and full-width forms. */
  const lookAlike = (s: string) => fc.constantFrom(
    s.toUpperCase(), s.toLowerCase(), ` ${s}`, `${s}\u200b`, `${s}\t`, s.replace(/[A-Za-z]/, (c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)),
  ).filter((t) => t !== s);

  test('an exact vendor selects its contract; any look-alike spelling throws; anything else falls to the default', () => {
    fc.assert(fc.property(name, name, fc.boolean(), (vendor, other, withInstall) => {
      const heads = [head(3, vendor, withInstall ? 'eu' : ''), head(2, '', '')];
      assert.equal(selectContract(heads, { vendor, install: 'eu' })?.revision.id, 3);
      if (selectorKey(other) !== selectorKey(vendor)) assert.equal(selectContract(heads, { vendor: other, install: 'eu' })?.revision.id, 2);
      fc.assert(fc.property(lookAlike(vendor), (alike) => {
        assert.throws(() => selectContract(heads, { vendor: alike, install: 'eu' }), /reads the same/);
      }), { numRuns: 10 });
    }), { numRuns: 200 });
  });

  test('the most specific contract wins whatever order they were saved in; ties go to the most recently saved', () => {
    fc.assert(fc.property(fc.shuffledSubarray([1, 2, 3, 4], { minLength: 4, maxLength: 4 }), (ids) => {
      const [a, b, c, d] = ids as [number, number, number, number];
      const heads = [head(a, 'v', 'i'), head(b, 'v', ''), head(c, '', ''), head(d, 'w', '')].sort((x, y) => y.revision.id - x.revision.id);
      assert.equal(selectContract(heads, { vendor: 'v', install: 'i' })?.revision.id, a);
      assert.equal(selectContract(heads, { vendor: 'v', install: 'j' })?.revision.id, b);
      assert.equal(selectContract(heads, { vendor: 'x', install: 'i' })?.revision.id, c);
    }));
    const twice = [head(9, 'v', ''), head(5, 'v', '')];
    assert.equal(selectContract(twice, { vendor: 'v', install: '' })?.revision.id, 9);
  });
});

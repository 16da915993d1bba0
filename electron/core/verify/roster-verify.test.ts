// countersign verify under a v3 contract's reviewer roster: the trusted keys (--trust) are only
// the root of trust for the owner-signed publication; every other signature counts only from a
// roster key with the role, never from a revoked entry or a key outside the roster.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResolvedContract } from '../engine';
import type { RosterEntry, RosterRole } from '../base/roster';
import { InputError } from '../model/errors';
import { attestationsFrom } from '../signing/attestation-files';
import type { DsseEnvelope } from '../signing/dsse';
import { signContractPublication } from '../signing/publication';
import { addSignature, createException, signApproval } from '../signing/sign';
import type { SignedAttestation } from '../signing/sign';
import { contractYaml, evaluate, evaluationRef, loadContract, makeFixture, PLAN_TIME, reviewer, TEST_AUDIT_HEAD } from '../testing/release-fixture';
import type { Fixture, Reviewer } from '../testing/release-fixture';
import type { ReasonCode } from './reasons';
import { verifyRelease } from './verify-release';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (offsetMs: number): Date => new Date(PLAN_TIME.getTime() + offsetMs);

let f: Fixture;
let owner: Reviewer;
let eve: Reviewer;

before(async () => {
  f = await makeFixture();
  owner = reviewer('Olivia Owner');
  eve = reviewer('Eve');
});
after(() => f.cleanup());

function entry(r: Reviewer, roles: readonly RosterRole[], revoked?: string): RosterEntry {
  return { name: r.signer.name, email: '', fingerprint: r.keyId, publicKey: r.pem, roles: [...roles], ...(revoked ? { revoked } : {}) };
}

/** The fixture's contract as countersign.dev/v3 with a roster (no-privileged waivable, so a release can pass). */
function v3(roster: readonly RosterEntry[], opts: { quorum?: number } = {}): ResolvedContract {
  const yaml = contractYaml({ privileged: 'deny', quorum: opts.quorum ?? 2 }).replace('countersign.dev/v1', 'countersign.dev/v3');
  return loadContract(f.dir, `${yaml}roster: ${JSON.stringify(roster)}\n`);
}

function standardRoster(extra: readonly RosterEntry[] = []): RosterEntry[] {
  return [
    entry(owner, ['contract-owner']),
    entry(f.alice, ['approver', 'exception-signer']),
    entry(f.bob, ['approver', 'exception-signer']),
    ...extra,
  ];
}

function publish(contract: ResolvedContract, opts: { revision?: number; signers?: readonly Reviewer[]; notAfter?: Date; time?: Date; roster?: readonly RosterEntry[] } = {}): SignedAttestation {
  return signContractPublication({
    contract: { name: contract.name, vendor: contract.vendor, install: contract.install ?? '', digest: contract.digest, packs: contract.packs ?? [], roster: opts.roster ?? contract.roster ?? [] },
    revision: opts.revision ?? 1,
    signers: (opts.signers ?? [owner]).map((r) => r.signer),
    notAfter: opts.notAfter ?? at(30 * DAY),
    time: opts.time ?? at(-DAY),
  });
}

function approval(r: Reviewer, contract: ResolvedContract, time = at(-HOUR)): SignedAttestation {
  return signApproval({
    auditHead: TEST_AUDIT_HEAD, changeSetDigest: f.changeSet.digest, contract, evaluation: evaluationRef(evaluate(f.changeSet, contract)),
    reviewer: r.signer, comment: 'ok', time,
  });
}

/** Every blocking finding waived, signed by `signers`. */
function exceptions(contract: ResolvedContract, signers: readonly Reviewer[]): DsseEnvelope[] {
  const make = (policy: string, pattern: string): DsseEnvelope => {
    const created = createException({
      auditHead: TEST_AUDIT_HEAD, contract, changeSetDigest: f.changeSet.digest, waives: [{ policy, pattern }], expires: at(7 * DAY),
      justification: 'agreed with the vendor', requester: signers[0]!.signer, time: at(-2 * HOUR),
    });
    return signers.slice(1).reduce((env, s) => addSignature(env, s.privateKey), created.envelope);
  };
  return [make('rds-not-public', 'aws_db_instance.*'), make('sg-rule-not-world', 'aws_security_group_rule.*'), make('no-privileged', 'Pod/*')];
}

function verify(contract: ResolvedContract, xs: readonly (SignedAttestation | DsseEnvelope)[], opts: { trust?: readonly Reviewer[]; now?: Date } = {}) {
  return verifyRelease({
    changeSet: f.changeSet,
    contract,
    attestations: attestationsFrom(xs.map((x) => ('envelope' in x ? x.envelope : x))),
    trustedKeys: (opts.trust ?? [owner]).map((r) => ({ pem: r.pem, name: r.signer.name })),
    now: opts.now ?? PLAN_TIME,
  });
}

const codes = (list: readonly { code: ReasonCode }[]): ReasonCode[] => [...new Set(list.map((r) => r.code))].sort();

/** A release that verifies under `contract` but for the publication: two approvals and the exceptions. */
function release(contract: ResolvedContract): (SignedAttestation | DsseEnvelope)[] {
  return [approval(f.alice, contract), approval(f.bob, contract), ...exceptions(contract, [f.alice, f.bob])];
}

describe('verify under a roster: the publication', () => {
  test('with only the owner key trusted, a valid publication makes the roster count: ok', () => {
    const contract = v3(standardRoster());
    const result = verify(contract, [publish(contract), ...release(contract)]);
    assert.deepEqual(result.reasons, []);
    assert.equal(result.ok, true);
    assert.equal(result.roster?.publication?.revision, 1);
    assert.deepEqual(result.roster?.publication?.signers, [owner.keyId]);
    assert.deepEqual(result.approvals.map((a) => a.keyId).sort(), [f.alice.keyId, f.bob.keyId].sort());
  });

  test('several owners sign one envelope; any one trusted owner is enough', () => {
    const second = reviewer('Second Owner');
    const contract = v3(standardRoster([entry(second, ['contract-owner'])]));
    const pub = publish(contract, { signers: [owner, second] });
    assert.equal(pub.envelope.signatures.length, 2);
    assert.equal(verify(contract, [pub, ...release(contract)], { trust: [second] }).ok, true);
  });

  // Each row: a publication problem, and the code verify must give. None verifies.
  const bad: readonly { name: string; code: ReasonCode; note?: ReasonCode; make(c: ResolvedContract): { contract?: ResolvedContract; pubs: (SignedAttestation | DsseEnvelope)[]; trust?: Reviewer[]; now?: Date } }[] = [
    { name: 'no publication at all', code: 'no-valid-publication', make: () => ({ pubs: [] }) },
    { name: 'signed by a key not given with --trust', code: 'no-valid-publication', note: 'untrusted-key', make: (c) => ({ pubs: [publish(c)], trust: [eve] }) },
    { name: 'signed by a trusted key the roster lists only as approver', code: 'no-valid-publication', note: 'publication-not-owner', make: (c) => ({ pubs: [publish(c, { signers: [f.alice] })], trust: [f.alice] }) },
    { name: 'signed by a trusted key outside its roster', code: 'no-valid-publication', note: 'publication-not-owner', make: (c) => ({ pubs: [publish(c, { signers: [eve] })], trust: [eve] }) },
    {
      name: 'signed by a contract-owner its own roster lists as revoked', code: 'no-valid-publication', note: 'publication-not-owner',
      make: () => {
        const revokedOwner = v3([entry(owner, ['contract-owner'], '2026-01-01T00:00:00Z'), ...standardRoster().slice(1)]);
        return { contract: revokedOwner, pubs: [publish(revokedOwner)] };
      },
    },
    { name: 'past its notAfter', code: 'no-valid-publication', note: 'publication-expired', make: (c) => ({ pubs: [publish(c, { notAfter: at(HOUR) })], now: at(2 * HOUR) }) },
    {
      name: 'the roster of the file was changed after signing (Eve added as approver)', code: 'roster-mismatch',
      make: (c) => ({ contract: v3(standardRoster([entry(eve, ['approver'])])), pubs: [publish(c)] }),
    },
    {
      name: 'the roster inside the signed payload was changed', code: 'no-valid-publication', note: 'bad-signature',
      make: (c) => {
        const env = publish(c).envelope;
        const statement = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as { predicate: { roster: RosterEntry[] } };
        statement.predicate.roster.push(entry(eve, ['approver']));
        return { pubs: [{ ...env, payload: Buffer.from(JSON.stringify(statement)).toString('base64') }] };
      },
    },
    {
      name: 'a publication of another contract digest (policies changed since)', code: 'publication-mismatch',
      // Revision 2 publishes a stricter contract (quorum 1: another digest); the file given is revision 1's.
      make: (c) => ({ pubs: [publish(v3(standardRoster(), { quorum: 1 }), { revision: 2 }), publish(c)] }),
    },
    {
      name: 'two different publications claim the same newest revision', code: 'publication-conflict',
      make: (c) => ({ pubs: [publish(c, { revision: 3 }), publish(c, { revision: 3, notAfter: at(20 * DAY) })] }),
    },
  ];
  for (const row of bad) {
    test(`fails closed: ${row.name}`, () => {
      const published = v3(standardRoster());
      const made = row.make(published);
      const contract = made.contract ?? published;
      const result = verify(contract, [...made.pubs, ...release(contract)], { ...(made.trust ? { trust: made.trust } : {}), ...(made.now ? { now: made.now } : {}) });
      assert.equal(result.ok, false);
      assert.ok(codes(result.reasons).includes(row.code), `expected ${row.code} in ${codes(result.reasons).join(', ')}`);
      if (row.note) assert.ok(codes(result.notes).includes(row.note), `expected note ${row.note} in ${codes(result.notes).join(', ')}`);
      // Fail closed: without the publication the roster names nobody.
      if (row.code === 'no-valid-publication') assert.equal(result.approvals.length, 0);
    });
  }

  test('the newest valid publication wins: an older one next to it does not bring back its roster', () => {
    const before = v3(standardRoster());
    const revokedAlice = v3([entry(owner, ['contract-owner']), entry(f.alice, ['approver', 'exception-signer'], at(-DAY / 2).toISOString()), entry(f.bob, ['approver', 'exception-signer'])]);
    const r1 = publish(before, { revision: 1 }), r2 = publish(revokedAlice, { revision: 2, time: at(-DAY / 2) });
    // The old file with both publications: the newest (r2) decides, and its roster is not the file's.
    assert.deepEqual(codes(verify(before, [r1, r2, ...release(before)]).reasons).includes('roster-mismatch'), true);
    // The new file: Alice no longer counts.
    const result = verify(revokedAlice, [r1, r2, ...release(revokedAlice)]);
    assert.equal(result.ok, false);
    assert.equal(result.roster?.publication?.revision, 2);
    assert.deepEqual(result.approvals.map((a) => a.keyId), [f.bob.keyId]);
  });

  test('an expired newer publication (a revocation) does not hand authority back to an older one still running', () => {
    const before = v3(standardRoster());
    const revokedAlice = v3([entry(owner, ['contract-owner']), entry(f.alice, ['approver', 'exception-signer'], at(-DAY / 2).toISOString()), entry(f.bob, ['approver', 'exception-signer'])]);
    const r1 = publish(before, { revision: 1, notAfter: at(60 * DAY) });
    const r2 = publish(revokedAlice, { revision: 2, time: at(-DAY / 2), notAfter: at(DAY) });
    const later = at(2 * DAY);
    const result = verify(before, [r1, r2, approval(f.alice, before, at(DAY + HOUR)), approval(f.bob, before, at(DAY + HOUR)), ...exceptions(before, [f.alice, f.bob])], { now: later });
    assert.equal(result.ok, false);
    assert.ok(codes(result.reasons).includes('no-valid-publication'));
    assert.ok(codes(result.notes).includes('publication-expired'));
    // r1 alone, in its window, still verifies: the residual window the docs describe.
    assert.equal(verify(before, [r1, ...release(before)]).ok, true);
  });
});

describe('verify under a roster: who may sign', () => {
  test('an approval by a key given with --trust but not in the roster does not count', () => {
    const contract = v3(standardRoster());
    const result = verify(contract, [publish(contract), approval(f.alice, contract), approval(eve, contract), ...exceptions(contract, [f.alice, f.bob])], { trust: [owner, eve] });
    assert.equal(result.ok, false);
    assert.deepEqual(result.approvals.map((a) => a.keyId), [f.alice.keyId]);
    assert.ok(codes(result.notes).includes('not-in-roster'));
    assert.ok(codes(result.reasons).includes('quorum-not-met'));
  });

  test('decisions count only from approvers, exception signatures only from exception-signers', () => {
    const contract = v3([entry(owner, ['contract-owner']), entry(f.alice, ['approver']), entry(f.bob, ['approver']), entry(f.carol, ['exception-signer'])]);
    const byApprovers = verify(contract, [publish(contract), approval(f.alice, contract), approval(f.bob, contract), ...exceptions(contract, [f.alice, f.bob])]);
    assert.equal(byApprovers.ok, false);
    assert.ok(codes(byApprovers.notes).includes('role-missing'));
    assert.ok(codes(byApprovers.reasons).includes('unwaived-finding'));
    const carolApproves = verify(contract, [publish(contract), approval(f.alice, contract), approval(f.carol, contract), ...exceptions(contract, [f.carol])]);
    assert.deepEqual(carolApproves.approvals.map((a) => a.keyId), [f.alice.keyId]);
    assert.ok(codes(carolApproves.reasons).includes('quorum-not-met'));
  });

  test('a revoked entry never counts, whatever time its signature claims (even before the revocation)', () => {
    const revokedAt = at(-DAY / 2);
    const contract = v3([entry(owner, ['contract-owner']), entry(f.alice, ['approver', 'exception-signer'], revokedAt.toISOString()), entry(f.bob, ['approver', 'exception-signer']), entry(f.carol, ['approver', 'exception-signer'])]);
    for (const time of [at(-DAY), at(-HOUR)]) {
      const result = verify(contract, [publish(contract), approval(f.alice, contract, time), approval(f.bob, contract), ...exceptions(contract, [f.bob, f.carol])]);
      assert.equal(result.ok, false, `signed at ${time.toISOString()}`);
      assert.deepEqual(result.approvals.map((a) => a.keyId), [f.bob.keyId]);
      assert.ok(result.notes.some((n) => n.code === 'revoked-key' && n.message.includes('Alice')));
    }
  });

  test('a v3 contract without a roster verifies as before: the trusted keys sign everything', () => {
    const contract = v3([]);
    assert.equal(contract.roster?.length, 0);
    const result = verify(contract, release(contract), { trust: [f.alice, f.bob] });
    assert.deepEqual(result.reasons, []);
    assert.equal(result.roster, null);
  });
});

describe('verify under a roster: a roster stripped from the file', () => {
  // The roster is outside the digest, so deleting it keeps the contract's digest. With the
  // owner's publication of a roster beside it, the file must not fall back to "every trusted
  // key signs everything" (a legacy --trust list would bring back a revoked reviewer).
  test('a publication of this contract with a roster, and the file without one: roster-mismatch, not ok', () => {
    const published = v3([entry(owner, ['contract-owner']), entry(f.alice, ['approver', 'exception-signer'], at(-DAY).toISOString()), entry(f.bob, ['approver', 'exception-signer'])]);
    const stripped = v3([]);
    assert.equal(stripped.digest, published.digest);
    const result = verify(stripped, [publish(published), ...release(stripped)], { trust: [owner, f.alice, f.bob] });
    assert.equal(result.ok, false);
    assert.ok(codes(result.reasons).includes('roster-mismatch'), codes(result.reasons).join(', '));
  });
});

describe('roster keys', () => {
  // Each row: a publicKey that is not the entry's key. The contract loads (the engine cannot
  // read keys), but verify refuses it, naming the entry.
  const rows: readonly { name: string; publicKey: () => string; reason: RegExp }[] = [
    { name: 'the PEM of another key', publicKey: () => eve.pem, reason: /hashes to sha256:[0-9a-f]{64}, not to its fingerprint/ },
    { name: 'a private key', publicKey: () => f.alice.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), reason: /PRIVATE key/ },
    { name: 'two PEM blocks', publicKey: () => `${f.alice.pem}${eve.pem}`, reason: /2 PEM blocks/ },
    { name: 'not a PEM', publicKey: () => 'ssh-ed25519 AAAA alice', reason: /not a PEM public key/ },
  ];
  for (const row of rows) {
    test(`verify refuses a roster entry whose publicKey is ${row.name}`, () => {
      const contract = v3([entry(owner, ['contract-owner']), { ...entry(f.alice, ['approver']), publicKey: row.publicKey() }]);
      assert.throws(() => verify(contract, [publish(contract), approval(f.alice, contract)]), (err: unknown) => {
        assert.ok(err instanceof InputError);
        assert.match(err.message, /roster entry 2 \(Alice, sha256:/);
        assert.match(err.message, row.reason);
        return true;
      });
    });
  }
});

// Who is one person under a roster (issue 10): same email or same name after normalisation,
// transitively; the PersonId is the group's lowest fingerprint, whatever the roster's order.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { RosterEntry } from '../base/roster';
import { personMap, personOf, samePerson } from './people';

const fp = (c: string): string => `sha256:${c.repeat(64)}`;
const e = (c: string, name: string, email = ''): RosterEntry => ({ name, email, fingerprint: fp(c), publicKey: 'PEM', roles: ['approver'] });

describe('personOf', () => {
  test('without a roster (absent or empty) a person is a key', () => {
    for (const roster of [null, undefined, []]) {
      assert.equal(personOf(roster)(fp('a')), fp('a'));
      assert.equal(samePerson(roster, fp('a'), fp('b')), false);
    }
  });

  test('a key the roster does not list is nobody', () => {
    assert.equal(personOf([e('a', 'Alice')])(fp('f')), null);
    assert.equal(samePerson([e('a', 'Alice')], fp('f'), fp('e')), false);
  });

  // Each row: two spellings that must be ONE person (one reader would take them for the same).
  const same: readonly [string, RosterEntry, RosterEntry][] = [
    ['email, case and spaces', e('b', 'Alice', 'alice@example.com'), e('c', 'Alice (laptop)', '  ALICE@Example.com ')],
    ['email, fullwidth letters (NFKC)', e('b', 'A', 'alice@example.com'), e('c', 'B', 'ａｌｉｃｅ@example.com')],
    ['email, a zero-width space inside', e('b', 'A', 'alice@example.com'), e('c', 'B', 'ali\u200bce@example.com')],
    ['name, case and inner whitespace', e('b', 'Alice  Example'), e('c', ' alice\texample ')],
    ['name, fullwidth and a soft hyphen', e('b', 'Bob'), e('c', 'ＢＯ\u00adＢ')],
    ['name, German sharp s folds like ss', e('b', 'Strauß'), e('c', 'STRAUSS')],
    // Letters of another script that look like Latin ones (a roster owner reads them as one name).
    ['name, a Cyrillic А for the Latin A', e('b', 'Alice Example'), e('c', '\u0410lice Example')],
    ['name, Cyrillic о, Р and е inside', e('b', 'Robert Peterson'), e('c', 'R\u043ebert \u0420\u0435terson')],
    ['name, Greek capitals Ο and Β', e('b', 'BOB'), e('c', '\u0392\u039f\u0392')],
    ['email, a Greek ο inside', e('b', 'A', 'bob@example.com'), e('c', 'B', 'b\u03bfb@example.com')],
    ['email, a Cyrillic с in the domain', e('b', 'A', 'alice@acme.com'), e('c', 'B', 'alice@a\u0441me.com')],
  ];
  for (const [label, x, y] of same) {
    test(`same person by ${label}`, () => {
      assert.equal(samePerson([x, y], x.fingerprint, y.fingerprint), true);
      assert.equal(personOf([y, x])(y.fingerprint), fp('b'));
    });
  }

  test('different people stay apart; empty emails never join', () => {
    const roster = [e('a', 'Alice', ''), e('b', 'Bob', ''), e('c', 'Carol', 'carol@example.com')];
    assert.equal(new Set(roster.map((x) => personOf(roster)(x.fingerprint))).size, 3);
  });

  test('transitive: a shares an email with b, b a name with c — all one person, the lowest fingerprint', () => {
    const roster = [e('c', 'Alice Laptop', 'other@example.com'), e('d', 'Alice', 'alice@example.com'), e('b', 'alice laptop', 'ALICE@example.com')];
    for (const x of roster) assert.equal(personOf(roster)(x.fingerprint), fp('b'));
  });

  test('revoked entries take part (a rotated key is still its owner\'s)', () => {
    const roster = [e('a', 'Alice', 'alice@example.com'), { ...e('0', 'Alice', 'alice@example.com'), revoked: '2026-01-01T00:00:00Z' }];
    assert.equal(personOf(roster)(fp('a')), fp('0'));
  });

  test('property: the persons do not depend on the roster order', () => {
    const names = ['Alice', 'alice', 'Bob', 'BOB ', 'Carol', 'Dave'];
    const emails = ['', '', 'a@x', 'A@X', 'b@x'];
    const entry = fc.record({ name: fc.constantFrom(...names), email: fc.constantFrom(...emails) });
    fc.assert(fc.property(fc.uniqueArray(fc.constantFrom(...'0123456789abcdef'), { minLength: 1, maxLength: 8 }), fc.array(entry, { minLength: 8, maxLength: 8 }), fc.nat(), (chars, fields, seed) => {
      const roster = chars.map((c, i) => e(c, fields[i]!.name, fields[i]!.email));
      const shuffled = [...roster].sort((x, y) => ((x.fingerprint.charCodeAt(7) * 31 + seed) % 17) - ((y.fingerprint.charCodeAt(7) * 31 + seed) % 17));
      const a = personMap(roster), b = personMap(shuffled);
      for (const x of roster) {
        assert.equal(a.get(x.fingerprint), b.get(x.fingerprint));
        // The PersonId is a fingerprint of its group and the lowest one.
        const group = roster.filter((y) => a.get(y.fingerprint) === a.get(x.fingerprint)).map((y) => y.fingerprint).sort();
        assert.equal(a.get(x.fingerprint), group[0]);
      }
    }), { numRuns: 200 });
  });
});

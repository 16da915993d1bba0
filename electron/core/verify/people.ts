import type { RosterEntry } from '../base/roster';

/**
 * A person: the lowest fingerprint among the roster entries that are the same person. Stable
 * as long as the group's keys are: adding a later key (a rotation) never changes it unless the
 * new fingerprint sorts lower, and every judgement computes it afresh from the roster.
 */
export type PersonId = string;

/** Who a key belongs to: a person, or null for a key the roster does not list. */
export type PersonOf = (keyId: string) => PersonId | null;

/**
 * Unicode case folding as far as JS offers it: upper then lower maps `ß` to `ss` and the
 * like, so spellings one reader would take for the same word fall together. Merging too much
 * only ever makes quorum harder to reach (fail closed); merging too little would let one
 * person count twice.
 */
function fold(s: string): string {
  return unconfuse(s.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC'));
}

/**
 * Cyrillic and Greek letters that look like Latin ones (in either case), read as the Latin
 * letter: "\u0410lice" with a Cyrillic А would otherwise be a second person that a roster owner
 * reads as Alice. Applied after lower-casing; the table holds lower-case forms only.
 */
const LOOK_ALIKE: Readonly<Record<string, string>> = {
  // Cyrillic
  '\u0430': 'a', '\u0432': 'b', '\u0435': 'e', '\u0451': 'e', '\u043a': 'k', '\u043c': 'm', '\u043d': 'h', '\u043e': 'o',
  '\u0440': 'p', '\u0441': 'c', '\u0442': 't', '\u0443': 'y', '\u0445': 'x', '\u0456': 'i', '\u0457': 'i', '\u0458': 'j',
  '\u0455': 's', '\u0501': 'd', '\u051b': 'q', '\u051d': 'w', '\u04bb': 'h', '\u04af': 'y', '\u04cf': 'l', '\u0491': 'r',
  // Greek
  '\u03b1': 'a', '\u03b2': 'b', '\u03b5': 'e', '\u03b7': 'h', '\u03b9': 'i', '\u03ba': 'k', '\u03bc': 'm', '\u03bd': 'n',
  '\u03bf': 'o', '\u03c1': 'p', '\u03c4': 't', '\u03c5': 'y', '\u03c7': 'x', '\u03b6': 'z', '\u03f2': 'c', '\u03f3': 'j',
};
const LOOK_ALIKE_CHARS = new RegExp(`[${Object.keys(LOOK_ALIKE).join('')}]`, 'gu');

function unconfuse(s: string): string {
  return s.replace(LOOK_ALIKE_CHARS, (c) => LOOK_ALIKE[c]!);
}

/** Invisible characters (zero-width space, joiners, soft hyphen…) never tell two people apart. */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

export function normalisedEmail(email: string): string {
  return fold(email.replace(INVISIBLE, '').trim());
}

export function normalisedName(name: string): string {
  return fold(name.replace(INVISIBLE, '')).replace(/\s+/gu, ' ').trim();
}

/**
 * The person of every roster key. Two entries are the same person when their normalised
 * emails are equal and non-empty, or their normalised names are equal (and non-empty),
 * transitively. Revoked entries take part: a rotated key is still its owner's.
 */
export function personMap(roster: readonly RosterEntry[]): ReadonlyMap<string, PersonId> {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) return;
    // The lower fingerprint is the root, so the root is the group's PersonId.
    if (ra < rb) parent.set(rb, ra);
    else parent.set(ra, rb);
  };
  for (const e of roster) parent.set(e.fingerprint, e.fingerprint);
  const byEmail = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const e of roster) {
    const email = normalisedEmail(e.email ?? '');
    if (email !== '') {
      const other = byEmail.get(email);
      if (other === undefined) byEmail.set(email, e.fingerprint);
      else union(other, e.fingerprint);
    }
    const name = normalisedName(e.name);
    if (name !== '') {
      const other = byName.get(name);
      if (other === undefined) byName.set(name, e.fingerprint);
      else union(other, e.fingerprint);
    }
  }
  return new Map(roster.map((e) => [e.fingerprint, find(e.fingerprint)]));
}

/**
 * `personOf(roster)(keyId)`: the key's person. Without a roster (null or empty) a person is a
 * key: every key is its own person, as before rosters existed.
 */
export function personOf(roster: readonly RosterEntry[] | null | undefined): PersonOf {
  if (roster === null || roster === undefined || roster.length === 0) return (keyId) => keyId;
  const map = personMap(roster);
  return (keyId) => map.get(keyId) ?? null;
}

/** Are two keys the same person under the roster (a key is always itself)? Unknown keys are nobody's. */
export function samePerson(roster: readonly RosterEntry[] | null | undefined, a: string, b: string): boolean {
  if (a === b) return true;
  const of = personOf(roster);
  const pa = of(a);
  return pa !== null && pa === of(b);
}

/** A PersonOf from a stored key → person map (keys not in it are their own person when `keyIsPerson`). */
export function personOfMap(persons: Readonly<Record<string, PersonId>>, keyIsPerson: boolean): PersonOf {
  return (keyId) => (Object.hasOwn(persons, keyId) ? persons[keyId]! : keyIsPerson ? keyId : null);
}

/**
 * Who is the same person (plan §1): two roster entries are one person when their normalised
 * emails (non-empty) or normalised names are equal, transitively; without a roster a person is
 * a key. Helper V writes `personOf` in verify/people.ts; this is the app's stand-in with the
 * same signature until the lead keeps one.
 */
import type { RosterEntry } from '../base/roster';

export type PersonId = string;

const fold = (s: string): string => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** keyId → the person's id (the lowest fingerprint of the group), or null for a key outside the roster. */
export function personOf(roster: readonly RosterEntry[] | null | undefined): (keyId: string) => PersonId | null {
  if (!roster || roster.length === 0) return (keyId) => keyId;
  const parent = new Map<string, string>(roster.map((e) => [e.fingerprint, e.fingerprint]));
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  const union = (a: string, b: string): void => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const byEmail = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const e of roster) {
    const email = fold(e.email ?? '');
    if (email !== '') {
      const seen = byEmail.get(email);
      if (seen) union(seen, e.fingerprint); else byEmail.set(email, e.fingerprint);
    }
    const name = fold(e.name);
    const seen = byName.get(name);
    if (seen) union(seen, e.fingerprint); else byName.set(name, e.fingerprint);
  }
  return (keyId) => (parent.has(keyId) ? find(keyId) : null);
}

/** Whether two keys belong to the same person under this roster (a key is always its own person). */
export function samePerson(roster: readonly RosterEntry[] | null | undefined, a: string, b: string): boolean {
  if (a === b) return true;
  const of = personOf(roster);
  const pa = of(a);
  return pa !== null && pa === of(b);
}

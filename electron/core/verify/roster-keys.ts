import type { KeyObject } from 'node:crypto';
import type { RosterEntry, RosterRole } from '../base/roster';
import { errorAt, parseYamlSource } from '../engine/contract/yaml-source';
import { InputError } from '../model/errors';
import { printable } from '../model/printable-text';
import { importPublicKeyPem } from '../signing/keys';

/** A roster entry whose public key was read and hashes to its fingerprint. */
export interface RosterKey {
  readonly entry: RosterEntry;
  readonly publicKey: KeyObject;
}

export interface RosterKeyProblem {
  /** 0-based index in `roster`. */
  readonly index: number;
  readonly message: string;
}

/** How an entry is named in messages: `roster entry 2 (Alice Example, sha256:…)`. */
export function describeEntry(entry: Pick<RosterEntry, 'name' | 'fingerprint'>, index: number): string {
  return `roster entry ${index + 1} (${printable(entry.name)}, ${entry.fingerprint})`;
}

/**
 * Every entry's publicKey must be exactly one Ed25519 SPKI PEM (keys.ts rules: no private key,
 * no second block, no RSA/EC) hashing to its fingerprint: a fingerprint names the key that
 * signs, and a PEM of another key beside it would make the roster say one thing and verify
 * another. Returns the problems (empty: every key is good).
 */
export function rosterKeyProblems(roster: readonly RosterEntry[]): RosterKeyProblem[] {
  const problems: RosterKeyProblem[] = [];
  roster.forEach((entry, index) => {
    try {
      const info = importPublicKeyPem(entry.publicKey, describeEntry(entry, index));
      if (info.keyId !== entry.fingerprint) {
        problems.push({ index, message: `${describeEntry(entry, index)}: its publicKey hashes to ${info.keyId}, not to its fingerprint` });
      }
    } catch (err) {
      problems.push({ index, message: err instanceof InputError ? `${err.file}: ${err.reason}` : String(err) });
    }
  });
  return problems;
}

/** The roster's keys by fingerprint; an InputError naming the first bad entry (and its line, given the file's text). */
export function rosterKeys(roster: readonly RosterEntry[], file: string, text?: string): ReadonlyMap<string, RosterKey> {
  assertRosterKeys(roster, file, text);
  return new Map(roster.map((entry) => [entry.fingerprint, { entry, publicKey: importPublicKeyPem(entry.publicKey).publicKey }]));
}

/** Throws an InputError for the first entry whose key is bad: the file, and the entry's line when the text is given. */
export function assertRosterKeys(roster: readonly RosterEntry[] | undefined, file: string, text?: string): void {
  const [problem] = rosterKeyProblems(roster ?? []);
  if (!problem) return;
  if (text === undefined) throw new InputError(file, problem.message);
  let located: InputError;
  try {
    located = errorAt(parseYamlSource(file, text), ['roster', problem.index, 'publicKey'], problem.message);
  } catch {
    throw new InputError(file, problem.message);
  }
  throw located;
}

/** Does the entry hold the role and no revocation (a revoked entry never counts, whatever time a signature claims)? */
export function countsAs(entry: RosterEntry, role: RosterRole): boolean {
  return entry.revoked === undefined && entry.roles.includes(role);
}

import { userInfo } from 'node:os';
import { printable } from '../model/printable-text';

/**
 * Who an audit entry names. Signing actions name the reviewer whose key signed
 * (`reviewer:<name> <fingerprint>`: the name as the contract's roster lists it, else the
 * key's own name); everything else names the OS user the app or CLI runs as (`os:<user>`).
 * Names are escaped: a roster or key name comes from a co-reviewer's file and must not
 * reach a terminal or the audit screen as control or bidi characters.
 */
export const REVIEWER_ACTOR_PREFIX = 'reviewer:';
export const OS_ACTOR_PREFIX = 'os:';

/** Longest name kept in an actor (a roster name is at most 200 characters). */
const MAX_ACTOR_NAME = 200;

/** `os:<username>` of the process, or `os:unknown` when the OS does not say. */
export function osActor(): string {
  let name = '';
  try {
    name = userInfo().username;
  } catch {
    name = '';
  }
  const shown = printable(name.trim()).slice(0, MAX_ACTOR_NAME);
  return `${OS_ACTOR_PREFIX}${shown === '' ? 'unknown' : shown}`;
}

/** `reviewer:<name> <fingerprint>`; the name is escaped and one line (an empty name reads "unnamed"). */
export function reviewerActor(name: string, fingerprint: string): string {
  const shown = printable(name.trim().replace(/\s+/gu, ' ')).slice(0, MAX_ACTOR_NAME);
  return `${REVIEWER_ACTOR_PREFIX}${shown === '' ? 'unnamed' : shown} ${fingerprint}`;
}

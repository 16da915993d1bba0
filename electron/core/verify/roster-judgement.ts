import type { RosterEntry } from '../base/roster';
import { isoTimeValue, TYPED_INSTANT } from '../model/iso-time';
import type { LoadedAttestation } from '../signing/attestation-files';
import { decodeEnvelope } from '../signing/dsse';
import { CONTRACT_REVISION_PREDICATE, CONTRACT_REVISION_PREDICATE_V1 } from '../signing/predicates';
import { parseStatement } from '../signing/statement';
import { checkAttestations, describe } from './check-attestations';
import type { VerifiedAttestation } from './check-attestations';
import { choosePublication } from './publication';
import type { ChosenPublication, PublishedIdentity } from './publication';
import type { Reason } from './reasons';
import { personMap } from './people';
import { countsAs, rosterKeys } from './roster-keys';
import type { TrustedKey } from './trusted-keys';

/**
 * Where the roster's authority comes from. `publication` (countersign verify): only from a
 * valid owner-signed publication of exactly this roster. `workspace`: the workspace's own
 * stored contract, which it trusts as it trusts its own keys (its revocations still apply).
 */
export type RosterAuthority = 'publication' | 'workspace';

/** Who may sign under the roster, as the judgement used it. */
export interface RosterRule {
  readonly authority: RosterAuthority;
  /** The publication that vouched for the roster (authority `publication`), or null when none did. */
  readonly publication: ChosenPublication | null;
  /** Keys whose decisions count (approver, unrevoked); empty without a valid publication. */
  readonly approvers: readonly string[];
  /** Keys whose exception signatures count (exception-signer, unrevoked). */
  readonly exceptionSigners: readonly string[];
}

export interface RosterJudgement {
  readonly verified: VerifiedAttestation[];
  readonly notes: Reason[];
  /** Release-level failures (no valid publication, roster mismatch…). */
  readonly failures: Reason[];
  /** Key names for messages: the roster's. */
  readonly names: ReadonlyMap<string, TrustedKey>;
  readonly rule: RosterRule;
}

/**
 * Checks the attestations under a contract roster: publications against the trusted keys
 * (root of trust), every decision and exception against the roster's keys, each counting only
 * for the role it needs (approver / exception-signer) and never from a revoked entry.
 */
export function judgeUnderRoster(
  inputs: readonly LoadedAttestation[],
  contract: PublishedIdentity & { readonly source: string },
  authority: RosterAuthority,
  root: ReadonlyMap<string, TrustedKey>,
  now: Date,
): RosterJudgement {
  const keys = rosterKeys(contract.roster, contract.source);
  const names = rosterTrust(contract.roster, keys, root);
  const isPublication = inputs.map(isPublicationInput);
  const publications = inputs.filter((_, i) => isPublication[i]);
  const signatures = inputs.filter((_, i) => !isPublication[i]);
  const notes: Reason[] = [];
  const verified: VerifiedAttestation[] = [];
  let publication: ChosenPublication | null = null;
  const failures: Reason[] = [];
  if (authority === 'publication') {
    const checked = checkAttestations(publications, root, now);
    const chosen = choosePublication(checked.verified, contract, root, now);
    notes.push(...checked.notes, ...chosen.notes);
    failures.push(...chosen.failures);
    verified.push(...checked.verified);
    publication = chosen.publication;
    if (!publication) {
      // Fail closed: without a publication vouching for it, the roster names nobody.
      return { verified, notes, failures, names, rule: { authority, publication, approvers: [], exceptionSigners: [] } };
    }
  }
  const approvers = contract.roster.filter((e) => countsAs(e, 'approver')).map((e) => e.fingerprint);
  const exceptionSigners = contract.roster.filter((e) => countsAs(e, 'exception-signer')).map((e) => e.fingerprint);
  const vendorSigners = contract.roster.filter((e) => countsAs(e, 'vendor-release')).map((e) => e.fingerprint);
  const checked = checkAttestations(signatures, names, now, { code: 'not-in-roster', what: "keys the contract's roster does not list:" });
  notes.push(...checked.notes);
  for (const a of checked.verified) {
    // A withdrawal takes back a decision, so it needs the role a decision needs (and, in
    // count-decisions, the same person); a release signature needs vendor-release.
    const [role, allowed] = a.type === 'decision' || a.type === 'withdrawal' ? ['approver', approvers] as const
      : a.type === 'exception' ? ['exception-signer', exceptionSigners] as const
      : a.type === 'release' ? ['vendor-release', vendorSigners] as const
      : [null, null];
    if (role === null) {
      verified.push(a);
      continue;
    }
    const without = a.signers.filter((k) => !allowed.includes(k));
    for (const k of without) {
      notes.push({ code: 'role-missing', message: `${a.source}: signed by ${describe(k, names)}, whom the contract's roster does not list as ${role}; that signature does not count`, source: a.source });
    }
    const kept = a.type === 'decision' && a.predicate.decision === 'reject' ? rotatedRejecters(a.revokedSigners ?? [], contract.roster, approvers) : [];
    for (const k of kept) {
      notes.push({ code: 'revoked-key', message: `${a.source}: the rejection by ${describe(k, names)} still counts although that key is revoked: its person holds an unrevoked approver key, with which they can withdraw it (revoking a key never turns a rejection into a pass)`, source: a.source });
    }
    verified.push({ ...a, signers: [...a.signers.filter((k) => allowed.includes(k)), ...kept] });
  }
  return { verified, notes, failures, names, rule: { authority, publication, approvers, exceptionSigners } };
}

/**
 * Revoked approver keys whose rejection still counts: those whose person (verify/people.ts)
 * holds an unrevoked approver key, i.e. a key rotation. A rotated roster keeps the contract
 * digest, so without this the person's rejection would vanish while the others' approvals
 * stand. A reviewer the owners revoked with no other key is removed, rejection and all.
 */
function rotatedRejecters(revoked: readonly string[], roster: readonly RosterEntry[], approvers: readonly string[]): string[] {
  if (revoked.length === 0) return [];
  const persons = personMap(roster);
  const active = new Set(approvers.map((k) => persons.get(k)));
  return revoked.filter((k) => roster.some((e) => e.fingerprint === k && e.roles.includes('approver')) && active.has(persons.get(k)));
}

/**
 * The roster as trusted keys: every entry (a revoked one too, so its signatures are reported
 * as revoked rather than unknown), with the verifier's own revocation of the same key applied.
 */
function rosterTrust(roster: readonly RosterEntry[], keys: ReturnType<typeof rosterKeys>, root: ReadonlyMap<string, TrustedKey>): ReadonlyMap<string, TrustedKey> {
  return new Map(roster.map((e) => {
    const rootRevoked = root.get(e.fingerprint)?.revokedAt ?? null;
    const rosterRevoked = e.revoked === undefined ? null : isoTimeValue(e.revoked, TYPED_INSTANT).getTime();
    const key: TrustedKey = {
      keyId: e.fingerprint,
      publicKey: keys.get(e.fingerprint)!.publicKey,
      name: e.name,
      revokedAt: rosterRevoked ?? rootRevoked,
      ...(rosterRevoked !== null ? { revokedWhateverTime: true } : {}),
    };
    return [e.fingerprint, key];
  }));
}

/**
 * Routing only: a contract-revision envelope is checked against the root of trust, anything
 * else against the roster. Read before any signature is checked, so it decides nothing by
 * itself: each route verifies every signature it is given.
 */
function isPublicationInput(input: LoadedAttestation): boolean {
  if (!('envelope' in input)) return false;
  try {
    const parsed = parseStatement(decodeEnvelope(input.envelope).payload);
    if ('problem' in parsed) return false;
    return parsed.statement.predicateType === CONTRACT_REVISION_PREDICATE || parsed.statement.predicateType === CONTRACT_REVISION_PREDICATE_V1;
  } catch {
    return false;
  }
}

import { findingWeight } from '../base/verdict';
import type { Finding } from '../model/finding';
import { describeWaiver } from '../signing/predicates';
import type { ExceptionPredicate, LegacyWaiver, Waiver } from '../signing/predicates';
import { CHANGESET_SUBJECT, CONTRACT_SUBJECT, hasSubject } from '../signing/statement';
import type { Statement } from '../signing/statement';
import type { VerifiedAttestation } from './check-attestations';
import type { PersonId, PersonOf } from './people';
import type { Reason } from './reasons';
import { waiverMatches } from './waivers';

/** One blocking finding an exception covers: its policy and the resource's address. */
export interface WaivedResource {
  readonly policy: string;
  readonly address: string;
}

/** An exception held for this change set, whether or not it counts. */
export interface ExceptionStatus {
  /** Payload digest: the exception's identity, whatever signatures its copies carry. */
  readonly digest: string;
  /** 1 (exception/v1, `resource`) or 2 (exception/v2, `waives`). */
  readonly version: 1 | 2;
  readonly waives: readonly (Waiver | LegacyWaiver)[];
  readonly changeSetDigest: string | null;
  readonly expires: string;
  readonly justification: string;
  readonly requester: string;
  /** Distinct trusted, unrevoked keys whose signature verified (over all copies). */
  readonly signers: readonly string[];
  /** The distinct persons of those signers: what exceptionQuorum counts (without a roster, the keys). */
  readonly persons: readonly PersonId[];
  /** Every `deny` finding of this evaluation its waivers cover (waived when `valid`). */
  readonly covers: readonly WaivedResource[];
  /** It counts: enough signers, in scope, not expired. */
  readonly valid: boolean;
  readonly sources: readonly string[];
}

export interface AppliedException extends ExceptionStatus {
  /** Each finding it actually waived (a finding covered by two valid exceptions is waived by the first). */
  readonly waived: readonly WaivedResource[];
}

interface ExceptionGroup {
  readonly digest: string;
  readonly statement: Statement<ExceptionPredicate>;
  readonly predicate: ExceptionPredicate;
  readonly signers: ReadonlySet<string>;
  readonly sources: readonly string[];
  /** Why it does not count ([] when valid). */
  readonly problems: readonly Reason[];
}

export interface ExceptionRules {
  readonly changeSetDigest: string;
  readonly contractDigest: string;
  readonly exceptionQuorum: number;
  readonly maxExceptionDays: number;
  readonly now: Date;
  /** Whose keys are one person (verify/people.ts); absent: every key is a person. */
  readonly personOf?: PersonOf;
  /** separationOfDuties.requesterMayWaiveAlone (absent: true, what v1–v3 mean). */
  readonly requesterMayWaiveAlone?: boolean;
  /** How a key is named in messages. */
  readonly describeKey?: (keyId: string) => string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Findings that block a release: `deny` (waivable) and `mandatory` (never waivable), failed or
 * errored, or of any status this build does not know. An `unknown` finding (decided only by
 * values known after apply) does not block: like the verdict, it needs the reviewers' approval,
 * which verify always requires and which signs the evaluation that lists it.
 */
export function isBlocking(f: Finding): boolean {
  const weight = findingWeight(f);
  return weight === 'deny' || weight === 'mandatory';
}

/**
 * Matches every blocking finding against the exceptions. An exception waives a `deny`
 * finding when one of its waivers names the finding's policy and covers the resource address
 * (an exact address only itself, an explicit pattern by glob; see waivers.ts), it is
 * scoped to this change set (or unscoped, made under this contract revision), it has not
 * expired at `now`, and it has `exceptionQuorum` distinct valid signers. Copies of one
 * exception (same payload) pool their signatures. A `mandatory` finding is never waived.
 */
export function applyExceptions(
  attestations: readonly VerifiedAttestation[],
  findings: readonly Finding[],
  rules: ExceptionRules,
): { applied: AppliedException[]; all: ExceptionStatus[]; reasons: Reason[]; notes: Reason[] } {
  const groups = groupExceptions(attestations, rules);
  const waived = new Map<string, WaivedResource[]>();
  const covers = new Map<string, WaivedResource[]>();
  const reasons: Reason[] = [];
  for (const f of findings.filter(isBlocking)) {
    const covered = { policy: f.policy, address: f.resource.address };
    const matching = groups.filter((g) => g.predicate.waives.some((w) => waiverMatches(w, f.policy, f.resource.address)));
    if (f.enforcement === 'deny') for (const g of matching) covers.set(g.digest, [...(covers.get(g.digest) ?? []), covered]);
    // One finding for a control several policies implement (alsoPolicies): only its primary policy can be waived.
    const also = f.alsoPolicies !== undefined && f.alsoPolicies.length > 0 ? ` (same control as ${f.alsoPolicies.join(', ')}: an exception must name ${f.policy})` : '';
    const where = `${f.policy} on ${f.resource.address}${also}`;
    if (f.enforcement === 'mandatory') {
      if (matching.length > 0) {
        reasons.push({ code: 'mandatory-not-waivable', message: `${where}: policy ${f.policy} is mandatory; exception ${matching.map((g) => g.digest).join(', ')} cannot waive it`, source: matching[0]!.sources[0]! });
      } else {
        reasons.push({ code: 'unwaived-finding', message: `${where}: ${f.status === 'error' ? 'evaluation error' : 'fails'} (mandatory: cannot be waived) — ${f.message}` });
      }
      continue;
    }
    const valid = matching.find((g) => g.problems.length === 0);
    if (valid) {
      waived.set(valid.digest, [...(waived.get(valid.digest) ?? []), covered]);
      continue;
    }
    const why = matching.length > 0 ? ` (matching exception does not count: ${[...new Set(matching.flatMap((g) => g.problems.map((p) => p.code)))].join(', ')})` : '';
    reasons.push({ code: 'unwaived-finding', message: `${where}: ${f.status === 'error' ? 'evaluation error' : 'fails'} and no valid exception covers it${why} — ${f.message}` });
  }
  const all = groups.map((g): ExceptionStatus => ({
    digest: g.digest,
    version: g.predicate.version,
    waives: g.predicate.waives,
    changeSetDigest: g.predicate.changeSetDigest,
    expires: g.predicate.expires,
    justification: g.predicate.justification,
    // The requester is a claim of the payload; only a requester who signed it is shown as such.
    requester: g.signers.has(g.predicate.requester.keyId)
      ? g.predicate.requester.name || g.predicate.requester.keyId
      : `${g.predicate.requester.name || g.predicate.requester.keyId} (claimed, not a signer)`,
    signers: [...g.signers].sort(),
    persons: personsOf(g.signers, rules),
    covers: covers.get(g.digest) ?? [],
    valid: g.problems.length === 0,
    sources: g.sources,
  }));
  const applied = all.filter((g) => waived.has(g.digest)).map((g): AppliedException => ({ ...g, waived: waived.get(g.digest)! }));
  return { applied, all, reasons, notes: groups.flatMap((g) => g.problems) };
}

function groupExceptions(attestations: readonly VerifiedAttestation[], rules: ExceptionRules): ExceptionGroup[] {
  const byDigest = new Map<string, { statement: Statement<ExceptionPredicate>; predicate: ExceptionPredicate; signers: Set<string>; sources: string[] }>();
  for (const a of attestations) {
    if (a.type !== 'exception') continue;
    const g = byDigest.get(a.digest) ?? { statement: a.statement, predicate: a.predicate, signers: new Set<string>(), sources: [] };
    for (const s of a.signers) g.signers.add(s);
    g.sources.push(a.source);
    byDigest.set(a.digest, g);
  }
  return [...byDigest].map(([digest, g]) => ({ digest, ...g, problems: problemsOf(digest, g, rules) }));
}

function problemsOf(digest: string, g: { statement: Statement<ExceptionPredicate>; predicate: ExceptionPredicate; signers: ReadonlySet<string>; sources: string[] }, rules: ExceptionRules): Reason[] {
  const p = g.predicate;
  const source = g.sources[0]!;
  const problems: Reason[] = [];
  const add = (code: Reason['code'], message: string): void => {
    problems.push({ code, message: `${source}: exception ${digest} (${p.waives.map(describeWaiver).join('; ')}) ${message}`, source });
  };
  if (p.changeSetDigest !== null) {
    if (p.changeSetDigest !== rules.changeSetDigest || !hasSubject(g.statement, CHANGESET_SUBJECT, p.changeSetDigest)) {
      add('digest-mismatch', `is scoped to change set ${p.changeSetDigest}, not this one (${rules.changeSetDigest})`);
    }
  } else if (!hasSubject(g.statement, CONTRACT_SUBJECT, rules.contractDigest)) {
    add('contract-mismatch', `was made under another contract revision (this contract is ${rules.contractDigest})`);
  }
  const time = Date.parse(p.time), expires = Date.parse(p.expires);
  if (rules.now.getTime() >= expires) add('exception-expired', `expired at ${p.expires}`);
  else if (expires - time > rules.maxExceptionDays * DAY_MS || expires <= time) {
    add('exception-too-long', `runs from ${p.time} to ${p.expires}, longer than the contract's maxExceptionDays (${rules.maxExceptionDays})`);
  }
  const persons = personsOf(g.signers, rules);
  const name = rules.describeKey ?? ((k: string) => k);
  if (persons.length < g.signers.size) {
    add('same-person', `is signed by ${[...g.signers].sort().map(name).join(', ')}, keys of ${persons.length} person(s); each person counts once`);
  }
  if (persons.length < rules.exceptionQuorum) {
    add('exception-quorum-not-met', rules.personOf
      ? `has valid signatures from ${persons.length} distinct person(s); the contract requires ${rules.exceptionQuorum}`
      : `has ${persons.length} valid signature(s) from distinct trusted keys; the contract requires ${rules.exceptionQuorum}`);
  }
  const alone = requesterAlone(p, persons, rules);
  if (alone !== null) add('separation-of-duties', `does not count under separationOfDuties.requesterMayWaiveAlone: false: ${alone}`);
  return problems;
}

function personsOf(signers: ReadonlySet<string>, rules: ExceptionRules): PersonId[] {
  const of = rules.personOf ?? ((k: string) => k);
  return [...new Set([...signers].map(of).filter((p): p is PersonId => p !== null))].sort();
}

/**
 * Rule `requesterMayWaiveAlone: false`: a person other than the requester must sign. When the
 * requester it names did not sign it, that claim proves nothing (any signer may be the real
 * requester), so two persons must.
 */
function requesterAlone(p: ExceptionPredicate, persons: readonly PersonId[], rules: ExceptionRules): string | null {
  if (rules.requesterMayWaiveAlone !== false) return null;
  const name = rules.describeKey ?? ((k: string) => k);
  const requester = (rules.personOf ?? ((k: string) => k))(p.requester.keyId);
  if (requester !== null && persons.includes(requester)) {
    return persons.some((x) => x !== requester) ? null : `only its requester ${name(p.requester.keyId)} signed it; another person must sign it`;
  }
  return persons.length >= 2 ? null : `its requester ${name(p.requester.keyId)} did not sign it, so its one signer may be the real requester; two people must sign it`;
}

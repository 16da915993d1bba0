import { compileGlob } from '../engine/cel/functions/glob';
import type { Finding } from '../model/finding';
import type { ExceptionPredicate } from '../signing/predicates';
import { CHANGESET_SUBJECT, CONTRACT_SUBJECT, hasSubject } from '../signing/statement';
import type { Statement } from '../signing/statement';
import type { VerifiedAttestation } from './check-attestations';
import type { Reason } from './reasons';

export interface AppliedException {
  /** Payload digest: the exception's identity, whatever signatures its copies carry. */
  readonly digest: string;
  readonly policy: string;
  readonly resource: string;
  readonly changeSetDigest: string | null;
  readonly expires: string;
  readonly justification: string;
  readonly requester: string;
  /** Distinct trusted, unrevoked keys that signed it (over all copies). */
  readonly signers: readonly string[];
  /** Addresses of the findings it waived. */
  readonly waived: readonly string[];
  readonly sources: readonly string[];
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
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Findings that block a release: `deny` (waivable) and `mandatory` (never waivable), failed or
 * errored, or of any status this build does not know. An `unknown` finding (decided only by
 * values known after apply) does not block: like the verdict, it needs the reviewers' approval,
 * which verify always requires and which signs the evaluation that lists it.
 */
export function isBlocking(f: Finding): boolean {
  return (f.enforcement === 'deny' || f.enforcement === 'mandatory') && f.status !== 'unknown';
}

/**
 * Matches every blocking finding against the exceptions. An exception waives a `deny`
 * finding when its policy is the finding's, its pattern matches the resource address, it is
 * scoped to this change set (or unscoped, made under this contract revision), it has not
 * expired at `now`, and it has `exceptionQuorum` distinct valid signers. Copies of one
 * exception (same payload) pool their signatures. A `mandatory` finding is never waived.
 */
export function applyExceptions(
  attestations: readonly VerifiedAttestation[],
  findings: readonly Finding[],
  rules: ExceptionRules,
): { applied: AppliedException[]; reasons: Reason[]; notes: Reason[] } {
  const groups = groupExceptions(attestations, rules);
  const waived = new Map<string, string[]>();
  const reasons: Reason[] = [];
  for (const f of findings.filter(isBlocking)) {
    const matching = groups.filter((g) => g.predicate.policy === f.policy && resourceMatches(g.predicate.resource, f.resource.address));
    const where = `${f.policy} on ${f.resource.address}`;
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
      waived.set(valid.digest, [...(waived.get(valid.digest) ?? []), f.resource.address]);
      continue;
    }
    const why = matching.length > 0 ? ` (matching exception does not count: ${[...new Set(matching.flatMap((g) => g.problems.map((p) => p.code)))].join(', ')})` : '';
    reasons.push({ code: 'unwaived-finding', message: `${where}: ${f.status === 'error' ? 'evaluation error' : 'fails'} and no valid exception covers it${why} — ${f.message}` });
  }
  const applied = groups.filter((g) => waived.has(g.digest)).map((g): AppliedException => ({
    digest: g.digest,
    policy: g.predicate.policy,
    resource: g.predicate.resource,
    changeSetDigest: g.predicate.changeSetDigest,
    expires: g.predicate.expires,
    justification: g.predicate.justification,
    requester: g.predicate.requester.name || g.predicate.requester.keyId,
    signers: [...g.signers].sort(),
    waived: waived.get(g.digest)!,
    sources: g.sources,
  }));
  return { applied, reasons, notes: groups.flatMap((g) => g.problems) };
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
    problems.push({ code, message: `${source}: exception ${digest} (${p.policy} on ${p.resource}) ${message}`, source });
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
  if (g.signers.size < rules.exceptionQuorum) {
    add('exception-quorum-not-met', `has ${g.signers.size} valid signature(s) from distinct trusted keys; the contract requires ${rules.exceptionQuorum}`);
  }
  return problems;
}

/** An exact address always matches itself (addresses hold `[`, `"`, `.`); otherwise the contract's glob semantics. */
function resourceMatches(pattern: string, address: string): boolean {
  if (pattern === address) return true;
  try {
    return compileGlob(pattern)(address);
  } catch {
    return false; // an invalid glob waives nothing
  }
}

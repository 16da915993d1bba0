import type { SeparationOfDuties } from '../signing/sign';
import type { ExceptionStatus } from './apply-exceptions';
import type { CountedDecision } from './count-decisions';
import type { PersonId } from './people';
import type { Reason } from './reasons';

export interface OutcomeRules {
  readonly changeSetDigest: string;
  readonly contractDigest: string;
  readonly quorum: number;
  readonly exceptionQuorum: number;
  readonly separationOfDuties: SeparationOfDuties;
  /** Every exception held for this change set, with the persons whose signatures count. */
  readonly exceptions: readonly ExceptionStatus[];
  /** How a key is named in messages. */
  readonly describeKey: (keyId: string) => string;
  /** True when persons are roster people (false: a person is a key). */
  readonly roster: boolean;
}

export interface DecisionOutcome {
  /** One approval per person whose standing decisions approve (and, under separation of duties, count). */
  readonly approvals: CountedDecision[];
  /** One rejection per person whose standing decisions reject. */
  readonly rejections: CountedDecision[];
  /** Standing decisions of persons who both approve and reject (neither counts; the release fails). */
  readonly conflicts: CountedDecision[];
  readonly failures: Reason[];
  readonly notes: Reason[];
}

/**
 * The release-level reading of the standing decisions, per person: several approvals count
 * once; an approval and a rejection both standing fail closed (`conflicting-decisions`); any
 * standing rejection fails (`rejected`); fewer approving persons than the quorum fail
 * (`quorum-not-met`). Order-free: every choice is made by payload digest, never by time.
 */
export function decisionOutcome(standing: readonly CountedDecision[], rules: OutcomeRules): DecisionOutcome {
  const byPerson = new Map<PersonId, CountedDecision[]>();
  for (const d of [...standing].sort((a, b) => a.digest.localeCompare(b.digest))) byPerson.set(d.person, [...(byPerson.get(d.person) ?? []), d]);
  const approvals: CountedDecision[] = [];
  const rejections: CountedDecision[] = [];
  const conflicts: CountedDecision[] = [];
  const failures: Reason[] = [];
  const notes: Reason[] = [];
  const who = (ds: readonly CountedDecision[]): string => [...new Set(ds.map((d) => rules.describeKey(d.keyId)))].join(' and ');
  for (const person of [...byPerson.keys()].sort()) {
    const ds = byPerson.get(person)!;
    const approving = ds.filter((d) => d.decision === 'approve');
    const rejecting = ds.filter((d) => d.decision === 'reject');
    if (approving.length > 0 && rejecting.length > 0) {
      conflicts.push(...ds);
      failures.push({
        code: 'conflicting-decisions',
        message: `${who(ds)} both approved (${approving.map((d) => d.digest).join(', ')}) and rejected (${rejecting.map((d) => d.digest).join(', ')}) this change set, and neither is withdrawn; decisions are final, so verify fails closed: withdraw one`,
        source: rejecting[0]!.source,
      });
      continue;
    }
    if (new Set(ds.map((d) => d.keyId)).size > 1) {
      notes.push({ code: 'same-person', message: `${who(ds)} are keys of one person${rules.roster ? ' (same email or name in the roster)' : ''}; their ${ds.length} decisions count once`, source: ds[0]!.source });
    }
    if (rejecting.length > 0) {
      rejections.push(rejecting[0]!);
      continue;
    }
    const counting = approving.filter((d) => {
      const problem = reliedExceptionProblem(d, rules);
      if (problem !== null) notes.push({ code: 'separation-of-duties', message: `${d.source}: approval by ${rules.describeKey(d.keyId)} does not count under separationOfDuties.approverMaySignReliedExceptions: false: ${problem}`, source: d.source });
      return problem === null;
    });
    if (counting.length > 0) approvals.push(counting[0]!);
  }
  for (const r of rejections) {
    failures.push({ code: 'rejected', message: `rejected by ${rules.describeKey(r.keyId)}${r.reviewer ? ` [${r.reviewer}]` : ''} at ${r.time}: ${r.comment}`, source: r.source });
  }
  if (approvals.length < rules.quorum) {
    const unit = rules.roster ? 'distinct people on the roster' : 'distinct trusted keys';
    failures.push({
      code: 'quorum-not-met',
      message: `${approvals.length} valid approval(s) from ${unit} for change set ${rules.changeSetDigest} under contract ${rules.contractDigest}; the contract requires ${rules.quorum}`,
    });
  }
  return { approvals, rejections, conflicts, failures, notes };
}

/**
 * Rule `approverMaySignReliedExceptions: false`: every exception the approval relies on (the
 * ones it lists, and every valid one that waives a finding here) must reach exceptionQuorum
 * without the approver's person. An exception not held cannot show it
 * does, so it fails (closed).
 */
function reliedExceptionProblem(d: CountedDecision, rules: OutcomeRules): string | null {
  if (rules.separationOfDuties.approverMaySignReliedExceptions) return null;
  // The approval's own list is what its signer wrote: every exception that waives a finding of
  // this change set is relied on too, listed or not (else leaving it out would dodge the rule).
  const waiving = rules.exceptions.filter((e) => e.valid && e.covers.length > 0).map((e) => e.digest);
  for (const digest of [...new Set([...d.exceptions, ...waiving])]) {
    const e = rules.exceptions.find((x) => x.digest === digest);
    if (e === undefined) return `it relies on exception ${digest}, which is not among the attestations, so it cannot show that others signed it`;
    const others = e.persons.filter((p) => p !== d.person);
    if (others.length < rules.exceptionQuorum) {
      return `it relies on exception ${digest}, which has ${others.length} signer(s) besides the approver; the contract requires ${rules.exceptionQuorum} without them`;
    }
  }
  return null;
}

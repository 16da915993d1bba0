import { compileGlob } from '../base/glob';
import { findingWeight } from '../base/verdict';
import { UsageError } from '../model/errors';
import type { FindingStatus } from '../model/finding';
import type { Enforcement, Severity } from '../model/policy';
import { printable, unprintableIn } from '../model/printable-text';
import { MAX_WAIVERS } from '../signing';

/*
 * Batch exceptions: which findings one exception/v2 waives. The selection is made here, before
 * signing, and always ends as exact addresses (never a pattern): the list the reviewer sees is
 * the list that is signed, and a resource the vendor adds later is never waived by accident.
 */

/** A finding as the review shows it (FindingDto fits): only what the selection reads. */
export interface SelectableFinding {
  readonly policy: string;
  readonly title?: string;
  readonly address: string;
  readonly status: FindingStatus;
  readonly enforcement: Enforcement;
  readonly severity: Severity;
  /** Waived already by a valid exception with enough signatures. */
  readonly waived: boolean;
  readonly shadow?: boolean;
}

/**
 * What to waive, of the change set's waivable findings (`deny`, failed or errored, not shadow,
 * not waived yet). Filters (`policies`, `severities`, `resourcePattern`) are ANDed; `allDeny`
 * takes every one; `findings` names exact (policy, address) pairs, each of which must be
 * waivable. One kind per selection: a mix is refused rather than guessed at.
 */
export interface WaiverSelector {
  readonly policies?: readonly string[];
  /** A glob over addresses, with the contract's glob semantics (base/glob.ts). */
  readonly resourcePattern?: string;
  readonly severities?: readonly Severity[];
  readonly allDeny?: true;
  readonly findings?: readonly { readonly policy: string; readonly address: string }[];
}

export interface WaiverGroup {
  readonly policy: string;
  readonly title: string;
  readonly severity: Severity;
  /** Sorted, distinct. */
  readonly addresses: readonly string[];
}

export interface WaiverSelection {
  /** Exactly what the exception will list, grouped by policy (policies sorted). */
  readonly groups: readonly WaiverGroup[];
  /** The same, as the exception's waivers (`{policy, address}`), in the groups' order. */
  readonly waives: readonly { readonly policy: string; readonly address: string }[];
  readonly total: number;
}

export interface SelectionOptions {
  /** The judging contract's policy ids: a finding of anything else (a built-in input check) is never waivable. */
  readonly contractPolicies?: ReadonlySet<string>;
}

/** Whether an exception can waive this finding now: it weighs `deny` (base/verdict.ts) and is not waived yet. */
export function isWaivable(f: SelectableFinding): boolean {
  return !f.waived && findingWeight({ status: f.status, enforcement: f.enforcement, ...(f.shadow ? { shadow: true as const } : {}) }) === 'deny';
}

/**
 * The findings one exception will waive. Refused (UsageError, nothing signed) when the selector
 * is empty or mixes kinds, a pattern is not a valid glob or holds an unprintable character, a
 * named finding is not waivable, nothing is selected, or more than 1000 are (exception/v2's
 * bound: split the batch, e.g. by policy).
 */
export function selectFindingsForWaiver(findings: readonly SelectableFinding[], selector: WaiverSelector, options: SelectionOptions = {}): WaiverSelection {
  const kinds = [
    selector.allDeny === true,
    selector.findings !== undefined,
    selector.policies !== undefined || selector.severities !== undefined || selector.resourcePattern !== undefined,
  ].filter(Boolean).length;
  if (kinds === 0) throw new UsageError('choose what to waive: policies, severities, a resource pattern, all deny findings, or single findings');
  if (kinds > 1) throw new UsageError('choose one way to select: "all deny findings", single findings, or filters (policy, severity, resource pattern), not a mix');
  const inContract = options.contractPolicies;
  const waivable = findings.filter((f) => isWaivable(f) && (!inContract || inContract.has(f.policy)));
  const chosen = selector.findings !== undefined ? named(waivable, findings, selector.findings, inContract) : waivable.filter(filterOf(selector));
  return grouped(chosen);
}

function filterOf(selector: WaiverSelector): (f: SelectableFinding) => boolean {
  if (selector.allDeny === true) return () => true;
  const policies = selector.policies && new Set(selector.policies);
  const severities = selector.severities && new Set<string>(selector.severities);
  const matches = selector.resourcePattern === undefined ? null : patternMatcher(selector.resourcePattern);
  return (f) => (!policies || policies.has(f.policy)) && (!severities || severities.has(f.severity)) && (!matches || matches(f.address));
}

/** A pattern fails closed: empty, unprintable (a hidden or bidi character would make the shown pattern not the one matched) or invalid is refused. */
function patternMatcher(pattern: string): (address: string) => boolean {
  if (pattern.trim() === '') throw new UsageError('the resource pattern is empty: give a glob such as module.db.*');
  const bad = unprintableIn(pattern);
  if (bad) throw new UsageError(`the resource pattern "${printable(pattern)}" holds ${bad.codePoint}, a character that does not show: type the pattern again`);
  try {
    return compileGlob(pattern);
  } catch (err) {
    throw new UsageError(`the resource pattern "${printable(pattern)}" is not a valid glob (${(err as Error).message})`);
  }
}

function named(waivable: readonly SelectableFinding[], all: readonly SelectableFinding[], picks: readonly { readonly policy: string; readonly address: string }[], inContract: ReadonlySet<string> | undefined): SelectableFinding[] {
  const key = (f: { policy: string; address: string }) => `${f.policy}\u0000${f.address}`;
  const byKey = new Map(waivable.map((f) => [key(f), f]));
  const out: SelectableFinding[] = [];
  for (const p of picks) {
    const f = byKey.get(key(p));
    if (f) {
      out.push(f);
      continue;
    }
    const held = all.find((x) => key(x) === key(p));
    throw new UsageError(`${printable(p.policy)} on ${printable(p.address)} ${held ? whyNot(held, inContract) : 'is not a finding of this change set'}: it cannot be waived`);
  }
  return out;
}

function whyNot(f: SelectableFinding, inContract: ReadonlySet<string> | undefined): string {
  if (f.waived) return 'is waived already';
  if (inContract && !inContract.has(f.policy)) return 'is a built-in check, not a policy of the contract';
  if (f.shadow) return 'is a shadow finding (it never blocks)';
  if (f.enforcement === 'mandatory') return 'is mandatory';
  if (f.status === 'unknown') return 'is unknown until apply (it needs approval, not an exception)';
  return `is ${f.enforcement}, not deny`;
}

function grouped(chosen: readonly SelectableFinding[]): WaiverSelection {
  const groups = new Map<string, { title: string; severity: Severity; addresses: Set<string> }>();
  for (const f of chosen) {
    const g = groups.get(f.policy) ?? { title: f.title ?? f.policy, severity: f.severity, addresses: new Set<string>() };
    g.addresses.add(f.address);
    groups.set(f.policy, g);
  }
  const list: WaiverGroup[] = [...groups.entries()].sort(([a], [b]) => compare(a, b))
    .map(([policy, g]) => ({ policy, title: g.title, severity: g.severity, addresses: [...g.addresses].sort(compare) }));
  const total = list.reduce((n, g) => n + g.addresses.length, 0);
  if (total === 0) throw new UsageError('no waivable finding matches: only deny findings that are not waived yet can be waived (mandatory, shadow, approval and advisory findings cannot)');
  if (total > MAX_WAIVERS) {
    throw new UsageError(`${total} findings are selected, but one exception waives at most ${MAX_WAIVERS}: narrow the selection (by policy, severity or resource pattern) and request several exceptions`);
  }
  return { groups: list, waives: list.flatMap((g) => g.addresses.map((address) => ({ policy: g.policy, address }))), total };
}

/** Code-unit order: the same on every machine (no locale). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import { randomUUID } from 'node:crypto';
import type { CompiledContract, CompiledPolicy } from '../../engine';
import type { ImpactPageDto, ImpactRowDto, ImpactSummaryDto } from '../../../shared/contract-editor-types';
import { printable } from '../../model/printable-text';
import type { Workspace } from '../../store';
import { ChangeSetCache } from './change-set-cache';
import { diffFindings } from './diff-findings';
import { evaluateDraft, policyResultKeys } from './draft-evaluation';
import { baselineEvaluation, impactTargets } from './impact-targets';
import type { ImpactTarget } from './impact-targets';
import { loadDraft } from './load-draft';
import type { DraftProblem } from './load-draft';
import { PolicyCompileCache } from './policy-compile-cache';
import { storedFindingsCache } from './stored-findings';

/**
 * One row of the impact table (a finding that changes, or, kind 'verdict', a verdict that
 * flips) and the summary: the API's own types (shared/contract-editor-types.ts), less the row
 * id the host numbers them with.
 */
export type ImpactRow = Omit<ImpactRowDto, 'id'>;
export type ImpactSummary = ImpactSummaryDto;

/** A change set the replay could not evaluate (its stored files no longer rebuild, …). */
export type ImpactProblem = ImpactPageDto['problems'][number];

/**
 * One page of a replay (the API's type, rows without their id): pass `nextCursor` to the next
 * poll; `done` once every change set was evaluated or the job was cancelled.
 */
export type ImpactPage = Omit<ImpactPageDto, 'rows'> & { readonly rows: readonly ImpactRow[] };

export interface ImpactJob {
  readonly id: string;
  /** How many change sets the job evaluates. */
  readonly total: number;
  /** Rows from `cursor` (0 for the first page), at most `limit` (default 500, at most 5,000). */
  poll(cursor?: number, limit?: number): ImpactPage;
  /** Stops after the change set being evaluated; rows so far stay readable. */
  cancel(): void;
  /** Settles when the job is done or cancelled. */
  whenDone(): Promise<void>;
}

export interface ImpactJobOptions {
  /** Shared by default (module-wide): pass fresh ones to measure a cold run. */
  readonly policyCache?: PolicyCompileCache;
  readonly changeSetCache?: ChangeSetCache;
  /** Rows kept for polling (the summary counts every row); default 100,000. */
  readonly maxRows?: number;
  /** The time for a change set with no stored evaluation (default: its plannedApplyAt, else now). */
  readonly now?: () => Date;
  /**
   * Keep each policy's findings per change set and time, so an edit re-evaluates the edited
   * policy only (draft-evaluation.ts). Default true; false evaluates every change set in one
   * engine run, the reference the property tests compare against.
   */
  readonly reusePolicyResults?: boolean;
}

export type StartImpactResult = { readonly ok: true; readonly job: ImpactJob } | { readonly ok: false; readonly problem: DraftProblem };

export interface ImpactDraft {
  /** The contract being edited (its name): selects the change sets and the stored evaluations compared against. */
  readonly contract: string;
  /** The unsaved contract YAML. */
  readonly text: string;
}

const sharedPolicyCache = new PolicyCompileCache();
const sharedChangeSetCache = new ChangeSetCache();

/** The caches every replay shares unless given its own (explainFinding uses them too). */
export function sharedImpactCaches(): { readonly policyCache: PolicyCompileCache; readonly changeSetCache: ChangeSetCache } {
  return { policyCache: sharedPolicyCache, changeSetCache: sharedChangeSetCache };
}

/**
 * Replays an unsaved contract over every stored change set it judges, each at the time of its
 * current stored evaluation, and diffs against that evaluation. Reads only: nothing is stored.
 * Work happens one change set per turn of the event loop (setImmediate), so the host stays
 * responsive and cancel() takes effect between change sets. A draft that does not load or
 * compile is a problem, and no job starts.
 */
export function startImpactJob(ws: Workspace, draft: ImpactDraft, options: ImpactJobOptions = {}): StartImpactResult {
  const policyCache = options.policyCache ?? sharedPolicyCache;
  const loaded = loadDraft(draft.contract, draft.text, policyCache);
  if (!loaded.ok) return loaded;
  const changeSetCache = options.changeSetCache ?? sharedChangeSetCache;
  const job = new RunningImpactJob(ws, draft.contract, loaded.compiled, cachedFirst(impactTargets(ws, draft.contract), changeSetCache), {
    changeSetCache,
    maxRows: options.maxRows ?? 100_000,
    now: options.now ?? (() => new Date()),
    resultKeys: options.reusePolicyResults === false ? undefined : policyResultKeys(loaded.compiled),
  });
  return { ok: true, job };
}

const MAX_PAGE = 5000;

class RunningImpactJob implements ImpactJob {
  readonly id = randomUUID();
  readonly total: number;
  private readonly rows: ImpactRow[] = [];
  private readonly problems: ImpactProblem[] = [];
  private readonly counts = { appear: 0, disappear: 0, changed: 0, verdictFlips: 0, evaluated: 0, errors: 0 };
  private next = 0;
  private cancelled = false;
  private finished = false;
  private truncated = false;
  private readonly done: Promise<void>;
  private settle!: () => void;

  constructor(
    private readonly ws: Workspace,
    private readonly contract: string,
    private readonly compiled: CompiledContract,
    private readonly targets: readonly ImpactTarget[],
    private readonly options: {
      readonly changeSetCache: ChangeSetCache;
      readonly maxRows: number;
      readonly now: () => Date;
      readonly resultKeys: ReadonlyMap<CompiledPolicy, string | null> | undefined;
    },
  ) {
    this.total = targets.length;
    this.done = new Promise((resolve) => (this.settle = resolve));
    setImmediate(() => this.step());
  }

  poll(cursor = 0, limit = 500): ImpactPage {
    const from = Math.max(0, Math.min(Math.trunc(Number.isFinite(cursor) ? cursor : 0), this.rows.length));
    const size = Math.max(1, Math.min(MAX_PAGE, Math.trunc(Number.isFinite(limit) ? limit : 500)));
    const rows = this.rows.slice(from, from + size);
    return {
      rows,
      nextCursor: from + rows.length,
      done: this.finished,
      cancelled: this.cancelled,
      truncated: this.truncated,
      progress: { done: this.next, total: this.total },
      summary: { ...this.counts },
      problems: [...this.problems],
    };
  }

  cancel(): void {
    if (this.finished) return;
    this.cancelled = true;
    this.finish();
  }

  whenDone(): Promise<void> {
    return this.done;
  }

  private finish(): void {
    this.finished = true;
    this.settle();
  }

  private step(): void {
    if (this.finished) return;
    const target = this.targets[this.next];
    if (!target) {
      this.finish();
      return;
    }
    try {
      this.replay(target);
      this.counts.evaluated++;
    } catch (err) {
      this.counts.errors++;
      // The message may quote the vendor's file names: printable, like the label.
      this.problems.push({ digest: target.digest, label: target.label, message: printable(err instanceof Error ? err.message : String(err)) });
    }
    this.next++;
    if (this.next >= this.total) this.finish();
    else setImmediate(() => this.step());
  }

  private replay(target: ImpactTarget): void {
    const loaded = this.options.changeSetCache.load(this.ws, target.digest);
    const baseline = baselineEvaluation(this.ws, this.contract, target.digest);
    const at = baseline ? new Date(baseline.at) : timeWithoutEvaluation(target, this.options.now);
    const evaluation = evaluateDraft(loaded, this.compiled, at, this.options.resultKeys);
    const before = baseline ? storedFindingsCache(this.ws).findings(this.ws, baseline.id) : [];
    const verdictBefore = baseline?.verdict ?? null;
    const common = { digest: target.digest, label: target.label, state: target.state, at: evaluation.at, verdictBefore, verdictAfter: evaluation.verdict };
    const changes = diffFindings(before, evaluation.findings).map((change) => {
      this.counts[change.kind]++;
      const indices = loaded.indicesByAddress.get(change.address);
      return { ...common, ...change, resourceIndex: indices ? indices[Math.min(change.occurrence, indices.length - 1)]! : null };
    });
    // By resource, then policy: one order whether the findings came policy by policy or resource by resource.
    for (const row of changes.sort(byResourceThenPolicy)) this.keep(row);
    if (verdictBefore !== evaluation.verdict) {
      this.counts.verdictFlips++;
      this.keep({ ...common, kind: 'verdict', policy: null, address: null, occurrence: null, resourceIndex: null, before: null, after: null });
    }
  }

  private keep(row: ImpactRow): void {
    if (this.rows.length < this.options.maxRows) this.rows.push(row);
    else this.truncated = true;
  }
}

const KIND_ORDER: Readonly<Record<ImpactRow['kind'], number>> = { appear: 0, changed: 1, disappear: 2, verdict: 3 };

function byResourceThenPolicy(a: ImpactRow, b: ImpactRow): number {
  return (a.resourceIndex ?? Infinity) - (b.resourceIndex ?? Infinity) || compare(a.address ?? '', b.address ?? '')
    || compare(a.policy ?? '', b.policy ?? '') || (a.occurrence ?? 0) - (b.occurrence ?? 0) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The change sets already parsed first (pending before others in each part). A replay reads
 * every change set in turn; when they do not all fit in the cache, reading the kept ones
 * before any miss evicts them makes them hits, and the next replay starts with the last ones
 * read (in plain order, an LRU cache would miss on every change set of every replay).
 */
function cachedFirst(targets: readonly ImpactTarget[], cache: ChangeSetCache): readonly ImpactTarget[] {
  const rank = (t: ImpactTarget): number => (cache.has(t.digest) ? 0 : 2) + (t.state === 'pending' ? 0 : 1);
  return [...targets].sort((a, b) => rank(a) - rank(b));
}

/** As a new evaluation would be made (change-set-service evaluateAt): the planned apply time, else now. */
function timeWithoutEvaluation(target: ImpactTarget, now: () => Date): Date {
  const planned = target.plannedApplyAt ? new Date(target.plannedApplyAt) : null;
  return planned && !Number.isNaN(planned.getTime()) ? planned : now();
}

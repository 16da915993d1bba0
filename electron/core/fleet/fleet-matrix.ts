// Issue 13: the result of evaluating one change set against many contracts (one per install).
// Shared by the core fleet evaluator, the CLI `fleet` command and the desktop Fleet preview.
// Owner: fleet (F). Fleet preview (FP) reads it. Change only by agreement in the plan.
import type { Verdict } from '../model/finding';

/** Whether a contract's publication signature holds, as the fleet sees it. */
export type FleetContractStatus = 'signed' | 'unsigned' | 'stale' | 'bad-signature';

/** One install's row of the matrix. */
export interface FleetRow {
  /** The install's name: `metadata.install`, else the contract file's name without extension. */
  readonly install: string;
  /** The contract file (relative to the --contracts argument), for messages. */
  readonly contractFile: string;
  readonly contractName: string;
  readonly contractDigest: string;
  readonly contractStatus: FleetContractStatus;
  /** Why the status is not `signed` ('' when signed). */
  readonly contractStatusDetail: string;
  readonly verdict: Verdict;
  /** Policy ids whose findings block (deny, not waived), sorted. */
  readonly deny: readonly string[];
  /** Policy ids whose findings need approval, sorted. */
  readonly approval: readonly string[];
  /** Findings per policy id (fail, error and unknown). */
  readonly findingsByPolicy: Readonly<Record<string, number>>;
  /** Index into FleetMatrix.configurations: installs with the same index share every decision input. */
  readonly configuration: number;
}

export interface FleetMatrix {
  readonly fleetVersion: 1;
  readonly changeSet: { readonly digest: string; readonly resources: number; readonly label: string };
  /** Sorted by install name. */
  readonly rows: readonly FleetRow[];
  /** Distinct policy configurations (policy text + effective parameters + enforcement overrides). */
  readonly configurations: number;
  /** Distinct compiled policies across the fleet. */
  readonly distinctPolicies: number;
  /** Present when the matrix is one shard: `{index, count}` (1-based index). */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly timings?: { readonly parseMs: number; readonly compileMs: number; readonly evaluateMs: number };
}

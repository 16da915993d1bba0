// Issue 13: the result of evaluating one change set against many contracts (one per install).
// Shared by the core fleet evaluator, the CLI `fleet` command and the desktop Fleet preview.
// Owner: fleet (F). Fleet preview (FP) reads it. Change only by agreement in the plan.
import type { Verdict } from '../model/finding';

/** Whether a contract's publication signature holds, as the fleet sees it. */
export type FleetContractStatus = 'signed' | 'unsigned' | 'stale' | 'bad-signature';
export const FLEET_CONTRACT_STATUSES: readonly FleetContractStatus[] = ['signed', 'unsigned', 'stale', 'bad-signature'];

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
  /**
   * `sha256:<hex>` of the configuration (every enabled policy's compiled text, effective
   * parameters, id, enforcement, severity and shadow flag): equal digests, equal decisions.
   * Lets `fleet merge` number configurations across shards as one run would.
   */
  readonly configurationDigest: string;
}

/** The whole contract set a matrix (or each of its shards) was cut from. */
export interface FleetContractSet {
  /** Installs in the whole set, before sharding. */
  readonly installs: number;
  /** sha256 over the sorted (install, contract digest) pairs of the whole set. */
  readonly digest: string;
}

/** What the run did: the work shared across installs, against what one run per install would do. */
export interface FleetWork {
  /** policy×resource checks one evaluation per install would make (enabled policies × resources, summed). */
  readonly checksRepresented: number;
  /** policy×resource checks actually made: each distinct (compiled policy, parameters) once per resource. */
  readonly checksPerformed: number;
  /** Distinct (compiled policy, parameters) pairs evaluated. */
  readonly distinctEvaluations: number;
}

export interface FleetTimings {
  /** Reading and resolving the contract files (and their publications' signatures). */
  readonly parseMs: number;
  readonly compileMs: number;
  readonly evaluateMs: number;
  /** Reading the release (set by the caller that loaded it). */
  readonly loadMs?: number;
}

export interface FleetMatrix {
  readonly fleetVersion: 1;
  readonly changeSet: { readonly digest: string; readonly resources: number; readonly label: string };
  /** The evaluation time (ISO): `--at`, else the release's plannedApplyAt, else when it ran. */
  readonly at: string;
  /** Sorted by install name. */
  readonly rows: readonly FleetRow[];
  /** Distinct policy configurations (policy text + effective parameters + enforcement overrides). */
  readonly configurations: number;
  /** Distinct compiled policies across the fleet. */
  readonly distinctPolicies: number;
  /** sha256 of each distinct compiled policy's text (sorted): how `fleet merge` counts distinctPolicies. */
  readonly policyDigests: readonly string[];
  readonly contractSet: FleetContractSet;
  /** Whose keys a publication's signature was checked against: `--trust` keys, or each contract's own roster. */
  readonly trust: 'trusted-keys' | 'own-roster';
  /** Present when the matrix is one shard: `{index, count}` (1-based index). */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly work?: FleetWork;
  readonly timings?: FleetTimings;
}

import type { Policy } from '../../model/policy';
import type { RosterEntry } from './roster';
import type { SeparationOfDuties, VendorSignatureRule } from '../../base/separation-of-duties';

export interface ApprovalRules {
  readonly quorum: number;
  readonly exceptionQuorum: number;
  readonly maxExceptionDays: number;
  /**
   * countersign.dev/v4 `spec.approvals.separationOfDuties`, always filled: v1–v3 contracts
   * mean `{requesterMayWaiveAlone: true, approverMaySignReliedExceptions: true}` (no rule).
   * Optional only for contracts built in code; absent reads as the v1–v3 meaning.
   */
  readonly separationOfDuties?: SeparationOfDuties;
}

/** One pack a contract extends, at the version it resolved to. */
export interface PackPin {
  readonly pack: string;
  readonly version: number;
  /** packDigest of that version's policies. */
  readonly digest: string;
  /**
   * countersign.dev/v5, packs with a standard-version option only: the version the pack's
   * policies follow (`v1.N`; `latest` and no option are written as the version they mean).
   * Absent in v2–v4 contracts, so their digests are unchanged.
   */
  readonly standard?: string;
}

/** A contract with its packs expanded, overrides applied and parameters merged. */
export interface ResolvedContract {
  /** The file's apiVersion; absent means countersign.dev/v1 (contracts built in code). */
  readonly apiVersion?: string;
  readonly name: string;
  readonly vendor: string;
  /** countersign.dev/v3: the vendor's install this contract judges ('' = every install). */
  readonly install?: string;
  /** countersign.dev/v3: who may sign (outside the digest; bound by the signed publication). */
  readonly roster?: readonly RosterEntry[];
  /** The extended packs' names, in order. */
  readonly extends: readonly string[];
  /** The version and digest each extended pack resolved to (same order as `extends`). */
  readonly packs?: readonly PackPin[];
  /** Effective policies: the packs' (in `extends` order) then the contract's own, overrides applied. */
  readonly policies: readonly Policy[];
  /** Effective parameter values per policy id: the policy's defaults, then the contract's values. */
  readonly parameters: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The parameter names the contract file sets (spec.parameters), per policy id; not digest content. */
  readonly setParameters?: Readonly<Record<string, readonly string[]>>;
  readonly approvals: ApprovalRules;
  /** countersign.dev/v4 `spec.vendorSignature` (v1–v3: `optional`); absent reads as `optional`. */
  readonly vendorSignature?: VendorSignatureRule;
  /** `sha256:<hex>` over the resolved content (contractDigest). */
  readonly digest: string;
  /** The contract file, or '(default)'. */
  readonly source: string;
}

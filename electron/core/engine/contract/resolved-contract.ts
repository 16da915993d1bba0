import type { Policy } from '../../model/policy';

export interface ApprovalRules {
  readonly quorum: number;
  readonly exceptionQuorum: number;
  readonly maxExceptionDays: number;
}

/** A contract with its packs expanded, overrides applied and parameters merged. */
export interface ResolvedContract {
  readonly name: string;
  readonly vendor: string;
  readonly extends: readonly string[];
  /** Effective policies: the packs' (in `extends` order) then the contract's own, overrides applied. */
  readonly policies: readonly Policy[];
  /** Effective parameter values per policy id: the policy's defaults, then the contract's values. */
  readonly parameters: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly approvals: ApprovalRules;
  /** `sha256:<hex>` over the resolved content (contractDigest). */
  readonly digest: string;
  /** The contract file, or '(default)'. */
  readonly source: string;
}

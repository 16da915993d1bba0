import type { PolicyData } from '../schemas';
import type { StandardOption } from '../standard-version';

/** What the editor needs to know beyond the text: the policies of the extended packs. */
export interface EditContext {
  /**
   * The resolved data of policy `id` from one of the contract's extended packs, or undefined
   * when no extended pack defines it (then it is an own policy, or unknown).
   */
  packPolicy(id: string): PolicyData | undefined;
  /** The policy ids of extended pack `pack` (removePack prunes their overrides and parameters). */
  packPolicyIds?(pack: string): readonly string[];
  /**
   * The standard-version option of built-in pack `pack` at `version` (standard-version.ts), or
   * null when that version has none or this build does not hold it. Without it, an edit that
   * names a standard version is refused (it cannot be checked against the pack).
   */
  packStandardOption?(pack: string, version: number): StandardOption | null;
}

export interface EditProblemInfo {
  /** 1-based line in the text the failing edit was applied to, where known. */
  readonly line?: number;
  readonly message: string;
}

export type EditResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: EditProblemInfo };

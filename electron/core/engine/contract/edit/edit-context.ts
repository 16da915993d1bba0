import type { PolicyData } from '../schemas';

/** What the editor needs to know beyond the text: the policies of the extended packs. */
export interface EditContext {
  /**
   * The resolved data of policy `id` from one of the contract's extended packs, or undefined
   * when no extended pack defines it (then it is an own policy, or unknown).
   */
  packPolicy(id: string): PolicyData | undefined;
  /** The policy ids of extended pack `pack` (removePack prunes their overrides and parameters). */
  packPolicyIds?(pack: string): readonly string[];
}

export interface EditProblemInfo {
  /** 1-based line in the text the failing edit was applied to, where known. */
  readonly line?: number;
  readonly message: string;
}

export type EditResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: EditProblemInfo };

/** Placeholder (owner H replaces it at merge): mounted by the contract screen's policy panel. */
import type { ContractDraftState } from '../contract/use-contract-draft';

export function PolicyLogicEditor(props: { readonly contract: string; readonly draft: ContractDraftState; readonly policyId: string }) {
  return <p className="hint" data-placeholder="PolicyLogicEditor">{props.policyId}: this part of the editor is not built yet.</p>;
}

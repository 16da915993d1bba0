/** Placeholder (owner H replaces it at merge): mounted by the contract screen. */
import type { ContractDraftState } from '../contract/use-contract-draft';

export function RosterPanel(props: { readonly contract: string; readonly draft: ContractDraftState }) {
  return <p className="hint" data-placeholder="RosterPanel">{props.contract}: this part of the editor is not built yet.</p>;
}

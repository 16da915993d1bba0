/** "New policy…": opens the form that adds an own policy to the draft, then selects it. */
import { useState } from 'react';
import type { ContractDraftState } from '../contract/use-contract-draft';
import { NewPolicyForm } from './NewPolicyForm';

export function NewPolicyButton(props: { readonly draft: ContractDraftState; readonly onCreated: (id: string) => void }) {
  const [open, setOpen] = useState(false);
  if (!open) return <button type="button" className="new-policy" onClick={() => setOpen(true)} disabled={!props.draft.view}>New policy…</button>;
  return <NewPolicyForm draft={props.draft} onCancel={() => setOpen(false)} onCreated={(id) => { setOpen(false); props.onCreated(id); }} />;
}

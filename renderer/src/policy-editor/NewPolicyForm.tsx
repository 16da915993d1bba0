/**
 * Add an own policy to the draft (addPolicy): id, title, severity and enforcement; it starts
 * with a condition that always holds, to build in the policy's logic editor.
 */
import { useState } from 'react';
import type { ContractDraftState } from '../contract/use-contract-draft';
import { newPolicy, policyIdProblem } from './new-policy';
import type { NewPolicyInput } from './new-policy';

export function NewPolicyForm(props: { readonly draft: ContractDraftState; readonly onCreated: (id: string) => void; readonly onCancel: () => void }) {
  const { draft } = props;
  const [input, setInput] = useState<NewPolicyInput>({ id: '', title: '', severity: 'medium', enforcement: 'advisory' });
  const [refused, setRefused] = useState(false);
  const idProblem = policyIdProblem(input.id, (draft.view?.policies ?? []).map((p) => p.id));
  const problem = idProblem ?? (input.title.trim() === '' ? 'a title is required' : null);
  const set = (k: keyof NewPolicyInput) => (e: { target: { value: string } }) => setInput({ ...input, [k]: e.target.value });
  return (
    <form className="inline-form new-policy-form" aria-label="New policy" onSubmit={(e) => {
      e.preventDefault();
      if (problem) return;
      setRefused(false);
      void draft.applyEdits([{ op: 'addPolicy', policy: newPolicy(input) }]).then((ok) => (ok ? props.onCreated(input.id) : setRefused(true)));
    }}>
      <label htmlFor="new-policy-id">Id</label>
      <input id="new-policy-id" value={input.id} maxLength={100} placeholder="no-default-namespace" onChange={set('id')} />
      <label htmlFor="new-policy-title">Title</label>
      <input id="new-policy-title" value={input.title} maxLength={200} onChange={set('title')} />
      <label htmlFor="new-policy-severity">Severity</label>
      <select id="new-policy-severity" value={input.severity} onChange={set('severity')}>
        {['critical', 'high', 'medium', 'low', 'info'].map((s) => <option key={s}>{s}</option>)}
      </select>
      <label htmlFor="new-policy-enforcement">Enforcement</label>
      <select id="new-policy-enforcement" value={input.enforcement} onChange={set('enforcement')}>
        {['advisory', 'approval', 'deny', 'mandatory'].map((s) => <option key={s}>{s}</option>)}
      </select>
      {input.id !== '' && problem && <p className="hint warn">{problem}</p>}
      {refused && <p className="inline-error">{draft.error ?? draft.problems.map((p) => p.message).join('\n')}</p>}
      <div className="actions">
        <button type="submit" disabled={problem !== null || draft.busy}>Add policy</button>
        <button type="button" onClick={props.onCancel}>Cancel</button>
      </div>
    </form>
  );
}

/** Fork a pack policy into an own policy (forkPolicy: the copy is added, the original disabled). */
import { useState } from 'react';
import type { ContractDraftState } from '../contract/use-contract-draft';
import { contractHash } from './pending-capture';

const POLICY_ID = /^[a-z0-9][a-z0-9-]*$/;

export function ForkPolicy(props: { readonly draft: ContractDraftState; readonly policyId: string }) {
  const { draft, policyId } = props;
  const [id, setId] = useState(`${policyId}-own`.slice(0, 100));
  const [done, setDone] = useState<string | null>(null);
  const taken = draft.view?.policies.some((p) => p.id === id) ?? false;
  const problem = !POLICY_ID.test(id) ? 'lower-case letters, digits and dashes' : taken ? 'a policy with this id exists' : null;
  return (
    <form className="inline-form fork-form" onSubmit={(e) => {
      e.preventDefault();
      if (problem) return;
      void draft.applyEdits([{ op: 'forkPolicy', from: policyId, id }]).then((ok) => {
        setDone(ok ? id : null);
        // Open the copy: it is the one to edit now (the original is disabled by the fork).
        if (ok) window.location.hash = contractHash(draft.contract, id);
      });
    }}>
      <label htmlFor={`fork-${policyId}`}>Fork into an own policy named</label>
      <div className="actions">
        <input id={`fork-${policyId}`} value={id} maxLength={100} onChange={(e) => setId(e.target.value)} aria-invalid={problem !== null} />
        <button type="submit" disabled={problem !== null || draft.busy}>Fork into an own policy</button>
      </div>
      {problem && <span className="hint warn">{problem}</span>}
      {done && <p role="status">Forked as <code>{done}</code> (unsaved): open it from the policy list to edit it.</p>}
      {!done && (draft.error ?? draft.problems.length > 0) && <p className="inline-error">{draft.error ?? draft.problems.map((p) => p.message).join('\n')}</p>}
    </form>
  );
}

/** The selected policy: what it does, its overrides, its parameters, and (H) its logic and tests. */
import type { ContractPolicyDto } from '../../../electron/shared/api-types';
import { PolicyLogicEditor } from '../policy-editor/PolicyLogicEditor';
import { PolicyTestsPanel } from '../policy-editor/PolicyTestsPanel';
import { OverridesForm } from './OverridesForm';
import { ParamEditor } from './params/ParamEditor';
import { isUnconfigured } from './policy-filter';
import type { ContractDraftState } from './use-contract-draft';

export function PolicyPanel(props: { readonly contract: string; readonly draft: ContractDraftState; readonly policy: ContractPolicyDto; readonly onClose: () => void }) {
  const { policy: p, draft } = props;
  return (
    <article className="policy-panel" aria-labelledby={`policy-title-${p.id}`}>
      <header className="policy-panel-header">
        <h2 id={`policy-title-${p.id}`}>{p.title}</h2>
        <button type="button" onClick={props.onClose} aria-label="Close the policy">Close</button>
      </header>
      <p><code>{p.id}</code> · {p.pack ? `from pack ${p.pack}` : 'own policy'} · severity {p.severity}
        {p.testCount !== undefined && ` · ${p.testCount} tests`}</p>
      {isUnconfigured(p) && (
        <p className="contract-warning" role="status">Not configured: with its current parameters this policy allows everything.</p>
      )}
      {p.description && <p className="hint policy-description">{p.description}</p>}
      <OverridesForm policy={p} draft={draft} />
      <section aria-label="Parameters" className="policy-params">
        <h3>Parameters</h3>
        {p.params === undefined
          ? <p className="hint">This host does not describe parameters yet.</p>
          : p.params.length === 0
            ? <p className="hint">This policy has no parameters.</p>
            : p.params.map((param) => (
              <ParamEditor key={`${param.name}:${JSON.stringify(param.value)}`} policy={p.id} param={param} draft={draft} />
            ))}
      </section>
      <section aria-label="Logic" className="policy-logic">
        <h3>Logic</h3>
        <PolicyLogicEditor contract={props.contract} draft={draft} policyId={p.id} />
      </section>
      <section aria-label="Tests" className="policy-tests">
        <h3>Tests</h3>
        <PolicyTestsPanel contract={props.contract} draft={draft} policyId={p.id} />
      </section>
    </article>
  );
}

/**
 * The logic of one policy: what it applies to (match), its condition as a visual builder with
 * the CEL beside it, and the message template. Own policies are edited; a pack policy is shown
 * read-only with a way to fork it into an own policy.
 */
import { useMemo, useState } from 'react';
import type { ContractDraftState } from '../contract/use-contract-draft';
import type { CelDiagnosticDto } from '../../../electron/shared/contract-editor-types';
import { ErrorBox } from '../components/ErrorBox';
import { toBuilder, toCel } from './builder-bridge';
import type { BuilderCondition } from './builder-bridge';
import { ConditionBuilder } from './ConditionBuilder';
import { CelEditor } from './lazy-cel-editor';
import { MatchEditor } from './MatchEditor';
import { useCelCatalog, useCelCheck } from './editor-queries';
import { usePolicyField } from './use-policy-field';
import { ForkPolicy } from './ForkPolicy';
import { useLoadedPolicy } from './use-loaded-policy';
import { catalogFields, policyParamNames } from './catalog-view';
import './policy-editor.css';

type Layout = 'both' | 'cel';

type Props = { readonly contract: string; readonly draft: ContractDraftState; readonly policyId: string };

/** Keyed by policy: typing that has not reached the draft yet can never land in another policy. */
export function PolicyLogicEditor(props: Props) {
  return <LogicEditor key={props.policyId} {...props} />;
}

function LogicEditor(props: Props) {
  const { contract, draft, policyId } = props;
  const { policy, stale } = useLoadedPolicy(draft, policyId);
  const catalog = useCelCatalog(contract);
  const [cel, setCel] = usePolicyField(draft, policyId, 'condition', policy?.condition);
  const [message, setMessage] = usePolicyField(draft, policyId, 'message', policy?.message);
  const [layout, setLayout] = useState<Layout>('both');
  const own = policy?.pack === '';
  const celCheck = useCelCheck(contract, own ? draft.text : '', policyId, 'condition', cel);
  const messageCheck = useCelCheck(contract, own ? draft.text : '', policyId, 'message', message);
  const params = useMemo(() => policy?.params?.map((p) => p.name) ?? policyParamNames(catalog.data, policyId), [policy?.params, catalog.data, policyId]);
  const fields = useMemo(() => catalogFields(catalog.data), [catalog.data]);
  const completion = useMemo(() => ({ catalog: catalog.data, params }), [catalog.data, params]);
  const builder = useMemo(() => safely(() => toBuilder(cel)), [cel]);

  if (!policy) return <p className="hint">No policy <code>{policyId}</code> in this draft.</p>;

  if (!own) {
    return (
      <section className="policy-logic-editor" aria-label={`Logic of ${policyId}`}>
        <p className="hint">
          <code>{policyId}</code> comes from the pack <strong>{policy.pack}</strong>: its logic is pinned by the pack's digest and
          cannot be edited here. Fork it to change it: the copy becomes your own policy and the original is disabled.
        </p>
        <ForkPolicy draft={draft} policyId={policyId} />
        {policy.condition !== undefined && (
          <>
            <h4>Condition (read-only)</h4>
            <CelEditor value={policy.condition} readOnly diagnostics={[]} context={completion} ariaLabel={`Condition of ${policyId} (read-only)`} />
          </>
        )}
      </section>
    );
  }

  if (policy.condition === undefined) {
    return <p className="hint" role="status">This host does not describe the logic of <code>{policyId}</code> yet (no condition in the contract view): nothing to edit here.</p>;
  }
  const onBuilder = (next: BuilderCondition) => {
    const r = safely(() => toCel(next));
    if (r.ok) setCel(r.value);
  };
  return (
    <section className="policy-logic-editor" aria-label={`Logic of ${policyId}`}>
      {catalog.error && <ErrorBox title="Field and function suggestions are unavailable" error={catalog.error} />}
      {stale && (
        <div className="inline-error" role="status" data-testid="draft-broken">
          The draft does not load until this is fixed (nothing else changes meanwhile):
          {draft.problems.map((p, i) => <div key={i}>{p.message}</div>)}
        </div>
      )}
      <MatchEditor match={policy.match ?? {}} catalog={catalog.data}
        onChange={(match) => void draft.applyEdits([{ op: 'setPolicyField', policy: policyId, field: 'match', value: match }])} />
      <div className="condition-head">
        <h4>Condition</h4>
        <div role="radiogroup" aria-label="Condition view" className="segmented">
          <label><input type="radio" name={`layout-${policyId}`} checked={layout === 'both'} onChange={() => setLayout('both')} /> Builder and CEL</label>
          <label><input type="radio" name={`layout-${policyId}`} checked={layout === 'cel'} onChange={() => setLayout('cel')} /> CEL only</label>
        </div>
      </div>
      <p className="hint">The policy passes a resource when the condition holds; otherwise it reports a finding.</p>
      <div className={`condition-panes ${layout}`}>
        {layout === 'both' && (
          <div className="builder-pane">
            {builder.ok
              ? <ConditionBuilder value={builder.value} onChange={onBuilder} fields={fields} params={params} />
              : <ErrorBox title="The builder cannot show this condition" error={builder.error} />}
          </div>
        )}
        <div className="cel-pane">
          <CelEditor value={cel} onChange={setCel} diagnostics={celCheck.data?.diagnostics ?? []} context={completion} ariaLabel={`Condition of ${policyId} (CEL)`} height={220} />
          <Diagnostics title="Condition" query={celCheck} />
        </div>
      </div>
      <h4>Message</h4>
      <p className="hint">Shown with each finding. Text, with CEL inside <code>{'{{ }}'}</code>.</p>
      <CelEditor template value={message} onChange={setMessage} diagnostics={messageCheck.data?.diagnostics ?? []} context={completion} ariaLabel={`Message of ${policyId}`} height={80} />
      <Diagnostics title="Message" query={messageCheck} />
    </section>
  );
}

function Diagnostics(props: { readonly title: string; readonly query: { readonly data?: { readonly diagnostics: readonly CelDiagnosticDto[] }; readonly error: unknown; readonly isFetching: boolean } }) {
  const { data, error } = props.query;
  if (error) return <ErrorBox title={`${props.title}: cannot check the CEL`} error={error} />;
  if (!data) return null;
  if (data.diagnostics.length === 0) return <p className="cel-ok" role="status" data-testid={`cel-status-${props.title.toLowerCase()}`}>{props.title}: no problems</p>;
  return (
    <ul className="cel-diagnostics" aria-label={`${props.title} problems`} data-testid={`cel-status-${props.title.toLowerCase()}`}>
      {data.diagnostics.map((d, i) => (
        <li key={i} className={d.severity}>Line {d.startLine}, column {d.startColumn}: {d.message}</li>
      ))}
    </ul>
  );
}

function safely<T>(f: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    return { ok: false, error };
  }
}

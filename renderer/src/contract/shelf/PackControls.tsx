/**
 * Tune a pack's controls in the draft: enable or disable each policy, or change its enforcement.
 * Each change is one setOverride edit; the values shown are the draft's (overrides applied).
 */
import type { ContractPolicyDto, Enforcement, PackCardDto } from '../../../../electron/shared/api-types';
import { ENFORCEMENTS } from '../policy-filter';
import type { ContractDraftState } from '../use-contract-draft';

export function PackControls(props: { readonly pack: PackCardDto; readonly draft: ContractDraftState; readonly onSelectPolicy: (id: string) => void }) {
  const { pack: p, draft } = props;
  // The draft's policies of this pack (the version it pins, overrides applied); the shelf adds their controls.
  const shelf = new Map(p.policies.map((x) => [x.id, x] as const));
  const rows = (draft.view?.policies ?? []).filter((x) => x.pack === p.name).map((now: ContractPolicyDto) => ({ id: now.id, controls: p.inDraft === p.version ? (shelf.get(now.id)?.controls ?? []) : [], now }));
  const disabled = rows.filter((r) => !r.now.enabled).length;
  const set = (policy: string, o: { enabled?: boolean; enforcement?: Enforcement }) => void draft.applyEdits([{ op: 'setOverride', policy, ...o }]);
  return (
    <details className="pack-controls">
      <summary>Tune controls ({rows.length}{disabled > 0 ? `, ${disabled} disabled` : ''})</summary>
      <fieldset disabled={draft.busy}>
        <legend className="visually-hidden">Controls of {p.name}</legend>
        <ul>
          {rows.map(({ id, controls, now }) => (
            <li key={id} className={now.enabled ? '' : 'control-disabled'} data-testid={`pack-control-${id}`}>
              <label className="checkbox" title={now.enabled ? 'Enabled: uncheck to disable it in this contract' : 'Disabled in this contract'}>
                <input type="checkbox" checked={now.enabled} onChange={(e) => set(id, { enabled: e.target.checked })} aria-label={`Enable ${id}`} />
              </label>
              <span className="control-text">
                <button type="button" className="link-button control-id" onClick={() => props.onSelectPolicy(id)} title={`Open ${id} in the editor`}>{id}</button>
                <span className="control-title">{now.title}</span>
                {controls.length > 0 && <span className="control-refs">{controls.join(', ')}</span>}
              </span>
              <select value={now.enforcement} onChange={(e) => set(id, { enforcement: e.target.value as Enforcement })} aria-label={`Enforcement of ${id}`}>
                {ENFORCEMENTS.map((x) => <option key={x} value={x}>{x}</option>)}
              </select>
            </li>
          ))}
        </ul>
      </fieldset>
    </details>
  );
}

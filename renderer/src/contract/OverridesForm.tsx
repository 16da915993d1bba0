/**
 * A policy's overrides: enforcement, enabled, and shadow (evaluated and reported, never
 * blocks). Each change is one setOverride edit on the draft.
 */
import type { ContractPolicyDto, Enforcement } from '../../../electron/shared/api-types';
import { ENFORCEMENTS } from './policy-filter';
import type { ContractDraftState } from './use-contract-draft';

export const ENFORCEMENT_MEANING: Readonly<Record<Enforcement, string>> = {
  mandatory: 'blocks; can never be waived',
  deny: 'blocks unless waived by a signed exception',
  approval: "needs a reviewer's signed approval",
  advisory: 'reported only',
};

export function OverridesForm(props: { readonly policy: ContractPolicyDto; readonly draft: ContractDraftState }) {
  const { policy: p, draft } = props;
  const set = (o: { enforcement?: Enforcement; enabled?: boolean; shadow?: boolean }) => void draft.applyEdits([{ op: 'setOverride', policy: p.id, ...o }]);
  return (
    <fieldset className="overrides-form" disabled={draft.busy}>
      <legend>Overrides</legend>
      <label>
        Enforcement
        <select value={p.enforcement} onChange={(e) => set({ enforcement: e.target.value as Enforcement })} aria-describedby={`enf-${p.id}`}>
          {ENFORCEMENTS.map((x) => <option key={x} value={x}>{x}</option>)}
        </select>
        <span className="hint" id={`enf-${p.id}`}>{ENFORCEMENT_MEANING[p.enforcement]}</span>
      </label>
      <label className="checkbox"><input type="checkbox" checked={p.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Enabled</label>
      <label className="checkbox">
        <input type="checkbox" checked={p.shadow === true} onChange={(e) => set({ shadow: e.target.checked })} aria-describedby={`shadow-${p.id}`} /> Shadow
        <span className="hint" id={`shadow-${p.id}`}> evaluated and reported (also in CI), never blocks, until promoted</span>
      </label>
      <button type="button" onClick={() => void draft.applyEdits([{ op: 'setOverride', policy: p.id, clear: ['enforcement', 'enabled', 'shadow'] }])}>
        Back to the {p.pack ? 'pack' : "policy's"} settings
      </button>
    </fieldset>
  );
}

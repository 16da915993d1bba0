/**
 * Says which contract the screen shows (name, vendor, install, revision, digest) and lets the
 * user pick another; carries the warning count of policies that allow everything.
 */
import type { ContractView } from '../../../electron/shared/api-types';
import type { ContractSummaryDto } from '../../../electron/shared/contract-editor-types';
import type { ContractDraftState } from './use-contract-draft';

export function contractLabel(c: { readonly name: string; readonly vendor?: string; readonly install?: string }): string {
  const scope = !c.vendor ? 'default contract (vendors without their own)' : c.install ? `${c.vendor}, install ${c.install}` : `${c.vendor}, every install`;
  return `${c.name} — ${scope}`;
}

export function ContractHeader(props: {
  readonly contracts: readonly ContractSummaryDto[];
  readonly saved: ContractView;
  readonly draft: ContractDraftState;
  readonly onPick: (contract: string) => void;
}) {
  const { saved, draft } = props;
  const shown = draft.view ?? saved;
  const warnings = shown.warnings ?? shown.policies.filter((p) => p.enabled && p.unconfigured === true).length;
  const known = props.contracts.some((c) => c.name === saved.name);
  return (
    <header className="contract-header">
      <div className="contract-title">
        <h1>Contract: {saved.name}</h1>
        <label className="contract-picker">
          Contract
          <select value={saved.name} onChange={(e) => props.onPick(e.target.value)} disabled={draft.dirty} title={draft.dirty ? 'Save or reset the draft before switching contracts' : undefined}>
            {!known && <option value={saved.name}>{contractLabel(saved)}</option>}
            {props.contracts.map((c) => (
              <option key={c.name} value={c.name}>{contractLabel(c.name === saved.name ? saved : c)} · rev {c.revision}{c.warnings > 0 ? ` · ${c.warnings} not configured` : ''}</option>
            ))}
          </select>
        </label>
      </div>
      <dl className="facts contract-facts" aria-label="Contract shown">
        <dt>Vendor</dt><dd data-testid="contract-vendor">{saved.vendor || <span className="hint">any vendor without its own contract</span>}</dd>
        <dt>Install</dt><dd data-testid="contract-install">{saved.install || <span className="hint">every install</span>}</dd>
        <dt>Revision</dt><dd data-testid="contract-revision">{saved.revision}{draft.dirty && <span className="badge approval draft-badge">unsaved draft</span>}</dd>
        <dt>Digest</dt>
        <dd><code data-testid="contract-digest">{saved.digest}</code>
          {draft.dirty && draft.view && draft.view.digest !== saved.digest && <div className="hint">draft: <code>{draft.view.digest}</code></div>}
        </dd>
        <dt>Approvals</dt><dd data-testid="contract-quorum">{shown.quorum} per change set · {shown.exceptionQuorum} per exception{shown.maxExceptionDays !== undefined ? ` · exceptions up to ${shown.maxExceptionDays} days` : ''}</dd>
      </dl>
      {warnings > 0
        ? <p className="contract-warning" role="status" data-testid="contract-warnings">⚠ {warnings} {warnings === 1 ? 'policy' : 'policies'} not configured: allow everything</p>
        : shown.warnings === undefined && <p className="hint">This host does not report unconfigured policies yet.</p>}
    </header>
  );
}

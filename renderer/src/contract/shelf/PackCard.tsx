/** One pack on the shelf: what it is, whether the draft extends it, add/remove, and its controls to tune. */
import { useState } from 'react';
import type { PackCardDto } from '../../../../electron/shared/api-types';
import type { ContractDraftState } from '../use-contract-draft';
import { PackControls } from './PackControls';
import { PackStandard, draftStandard } from './PackStandard';
import { savedIsV5 } from './pack-standard-format';

function statusText(p: PackCardDto): string {
  if (p.inDraft === null) return p.inSaved === null ? 'Not extended' : `Removed in the draft (saved: version ${p.inSaved})`;
  if (p.inSaved === null) return `Added in the draft: version ${p.inDraft} (not saved)`;
  if (p.inSaved !== p.inDraft) return `Version ${p.inDraft} in the draft (saved: ${p.inSaved})`;
  return `Extended: version ${p.inDraft}${p.inDraft < p.version ? ` (version ${p.version} available)` : ''}`;
}

export function PackCard(props: { readonly pack: PackCardDto; readonly draft: ContractDraftState; readonly onSelectPolicy: (id: string) => void }) {
  const { pack: p, draft } = props;
  const added = p.inDraft !== null && p.inSaved === null;
  const state = p.inDraft === null ? 'out' : added ? 'added' : 'in';
  const showImpact = () => document.getElementById('impact-title')?.scrollIntoView({ block: 'start' });
  // The standard version "Add to draft" writes (packs that declare versions); once added, the draft's entry says.
  const [toAdd, setToAdd] = useState('latest');
  const addEdit = { op: 'addPack' as const, pack: p.name, version: p.version, ...(p.standard && toAdd !== 'latest' ? { standard: toAdd } : {}) };
  return (
    <article className={`pack-card pack-${state}`} aria-labelledby={`pack-${p.name}`} data-testid={`pack-card-${p.name}`}>
      <header className="pack-card-head">
        <h3 id={`pack-${p.name}`}><code>{p.name}</code></h3>
        {p.version > 0 && <span className="pack-version" title={`Versions this build holds: ${p.versions.join(', ')}`}>v{p.version}</span>}
      </header>
      {p.problem
        ? <p className="pack-problem" role="alert">This pack cannot be loaded: {p.problem}</p>
        : (
          <>
            {p.standards.length > 0 && (
              <ul className="pack-standards" aria-label="Standards">
                {p.standards.map((s) => <li key={s} title={s}>{s}</li>)}
              </ul>
            )}
            <p className="pack-description" title={p.description}>{p.description || 'No description.'}</p>
            <p className="pack-facts">
              <span>{p.policies.length} {p.policies.length === 1 ? 'policy' : 'policies'}</span>
              <span>{p.controlCount} standard {p.controlCount === 1 ? 'control' : 'controls'}</span>
            </p>
            <p className={`pack-status status-${state}`} role="status" data-testid={`pack-status-${p.name}`}>{statusText(p)}</p>
            {p.standard && (
              <PackStandard pack={p} standard={p.standard} value={p.inDraft === null ? toAdd : draftStandard(p)} disabled={draft.busy} savedV5={savedIsV5(draft.savedText)}
                onChange={(v) => (p.inDraft === null ? setToAdd(v) : void draft.applyEdits([{ op: 'setPackStandard', pack: p.name, standard: v }]))} />
            )}
            {p.inDraft !== null && p.sharedWithDraft > 0 && (
              <p className="pack-shared hint">
                {p.sharedWithDraft} of its policies share a control with another extended pack: each such violation is reported once,
                at the stricter enforcement, naming both policies.
              </p>
            )}
            <div className="pack-actions">
              {p.inDraft === null && (
                <button type="button" className="pack-add" disabled={draft.busy} onClick={() => void draft.applyEdits([addEdit])}>
                  Add to draft
                </button>
              )}
              {p.inDraft !== null && p.inDraft < p.version && (
                <button type="button" className="pack-add" disabled={draft.busy} title={`Pins version ${p.version} instead of ${p.inDraft}; overrides and parameters stay`}
                  onClick={() => void draft.applyEdits([{ op: 'setPackVersion', pack: p.name, version: p.version }])}>
                  Use version {p.version}
                </button>
              )}
              {p.inDraft !== null && (p.inDraft !== p.inSaved || p.standardInDraft !== p.standardInSaved) && <button type="button" onClick={showImpact}>See its impact</button>}
              {p.inDraft !== null && (
                <button type="button" disabled={draft.busy} onClick={() => void draft.applyEdits([{ op: 'removePack', pack: p.name }])}>
                  {added ? 'Remove from draft' : 'Stop extending'}
                </button>
              )}
            </div>
            {p.inDraft !== null && draft.view && <PackControls pack={p} draft={draft} onSelectPolicy={props.onSelectPolicy} />}
          </>
        )}
    </article>
  );
}

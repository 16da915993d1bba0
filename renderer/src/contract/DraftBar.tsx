/** The unsaved-changes bar: what state the draft is in, its problems, and Reset. Saving is the revisions panel's. */
import type { ContractDraftState } from './use-contract-draft';

export function DraftBar(props: { readonly draft: ContractDraftState }) {
  const { draft } = props;
  if (!draft.dirty && !draft.error && draft.problems.length === 0 && !draft.busy) return null;
  return (
    <div className={`draft-bar${draft.problems.length > 0 || draft.error ? ' has-problems' : ''}`} role="region" aria-label="Unsaved changes">
      <div className="draft-state" role="status">
        {draft.busy ? 'Applying the change…' : draft.dirty ? 'Unsaved changes to this contract.' : 'No unsaved changes.'}
        {/* A button, not href="#contract-save": the hash is the route, and that one leads to the inbox (losing the draft). */}
        {draft.dirty && <button type="button" className="link-button" onClick={() => document.getElementById('contract-save')?.scrollIntoView({ block: 'center' })}>Save them below</button>}
      </div>
      {draft.error && <p className="draft-error" role="alert">The change was not applied: {draft.error}</p>}
      {draft.problems.length > 0 && (
        <ul className="draft-problems" aria-label="Problems in the draft">
          {draft.problems.map((p, i) => (
            <li key={i}>{p.line !== undefined ? `line ${p.line}${p.column !== undefined ? `:${p.column}` : ''}: ` : ''}{p.policy ? `${p.policy}: ` : ''}{p.message}</li>
          ))}
        </ul>
      )}
      {draft.dirty && <button type="button" onClick={draft.reset}>Reset draft</button>}
      {draft.dirty && (
        <details className="draft-yaml">
          <summary>Show the draft YAML</summary>
          <pre data-testid="draft-yaml">{draft.text}</pre>
        </details>
      )}
    </div>
  );
}

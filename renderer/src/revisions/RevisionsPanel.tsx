/**
 * The contract's history: every saved revision (author, time, comment, digest, published), a
 * diff of any two, revert (as a new revision), and the Save dialog for the draft.
 */
import { useState } from 'react';
import type { ContractDraftState } from '../contract/use-contract-draft';
import { ErrorBox } from '../components/ErrorBox';
import { CopyButton } from '../components/CopyButton';
import { RevisionDiffView } from './RevisionDiffView';
import { RevertForm } from './RevertForm';
import { SaveDialog } from './SaveDialog';
import { useRevisionDiff, useRevisions } from './revision-queries';
import { authorName, shortDigest } from './revision-format';
import '../sign/review-forms.css';
import './revisions.css';
import { DateTime } from '../components/DateTime';

export function RevisionsPanel(props: { readonly contract: string; readonly draft: ContractDraftState }) {
  const { contract, draft } = props;
  const revisions = useRevisions(contract);
  const list = revisions.data ?? [];
  // null = not picked: compare the latest revision with the one before it, following new saves.
  const [pickedFrom, setFrom] = useState<number | null>(null);
  const [pickedTo, setTo] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [reverting, setReverting] = useState<number | null>(null);
  const from = pickedFrom ?? list[1]?.revision ?? null;
  const to = pickedTo ?? list[0]?.revision ?? null;
  const diff = useRevisionDiff(contract, from, to);
  return (
    <section className="revisions-panel" aria-label="Revisions">
      <div className="revisions-head" id="contract-save">
        <button type="button" onClick={() => setSaving(true)} disabled={saving} aria-haspopup="dialog">Save draft as revision…</button>
        {draft.dirty ? <span className="badge approval">unsaved changes</span> : <span className="hint">The draft equals the saved revision.</span>}
      </div>
      {saving && <SaveDialog contract={contract} draft={draft} onClose={() => setSaving(false)} />}
      {revisions.error && <ErrorBox title="Cannot list the revisions" error={revisions.error} onRetry={() => void revisions.refetch()} />}
      {revisions.isPending && <p className="hint" role="status">Loading revisions…</p>}
      {list.length > 0 && (
        <table className="revision-table" aria-label="Revision list">
          <thead>
            <tr><th>Rev.</th><th>Author</th><th>Saved</th><th>Comment</th><th>Digest</th><th>Published</th><th title="Compare from">From</th><th title="Compare to">To</th><th /></tr>
          </thead>
          <tbody>
            {list.map((r) => (
              <tr key={r.id} className={r.current ? 'current' : ''} data-testid={`revision-${r.revision}`}>
                <td>{r.revision}{r.current && <span className="badge pass" title="New evaluations and signatures use this revision">current</span>}</td>
                <td className="author">{authorName(r.author, r.authorKeyId) || <span className="hint">unknown</span>}{r.authorKeyId && <div className="hint fingerprint" title={r.authorKeyId}>key {r.authorKeyId.slice(7, 15)}…</div>}</td>
                <td><DateTime iso={r.createdAt} /></td>
                <td className="comment">{r.comment || <span className="hint">no comment</span>}</td>
                <td><code title={r.digest}>{shortDigest(r.digest)}</code> <CopyButton value={r.digest} label={`Copy the digest of revision ${r.revision}`} /></td>
                <td>{r.published ? <span className="badge pass">published{r.notAfter ? <> until <DateTime iso={r.notAfter} /></> : ''}</span> : <span className="hint">no</span>}</td>
                <td><input type="radio" name="diff-from" aria-label={`Compare from revision ${r.revision}`} checked={from === r.revision} onChange={() => setFrom(r.revision)} /></td>
                <td><input type="radio" name="diff-to" aria-label={`Compare to revision ${r.revision}`} checked={to === r.revision} onChange={() => setTo(r.revision)} /></td>
                <td>{!r.current && <button type="button" onClick={() => setReverting(r.revision)}>Revert to this</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {reverting !== null && <RevertForm contract={contract} draft={draft} revision={reverting} onClose={() => setReverting(null)} />}
      {list.length === 1 && <p className="hint">One revision so far: save a change to compare.</p>}
      {from !== null && to !== null && from === to && <p className="hint">Choose two different revisions to compare.</p>}
      {diff.error && <ErrorBox title="Cannot compare these revisions" error={diff.error} onRetry={() => void diff.refetch()} />}
      {diff.data && <RevisionDiffView diff={diff.data} />}
    </section>
  );
}

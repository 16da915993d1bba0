/**
 * Who may sign for this contract: reviewers with their key fingerprint and roles, revoked
 * ones greyed (a revoked key's signatures never count, whatever time they claim). Changes
 * are edits of the draft; they take effect once saved and published. Publishing is here.
 */
import { useState } from 'react';
import type { ContractDraftState } from '../contract/use-contract-draft';
import type { RosterEntryDto } from '../../../electron/shared/contract-editor-types';
import { ErrorBox } from '../components/ErrorBox';
import { DRAFT_REFUSED, draftFailure } from './draft-failure';
import { useKeyList } from '../keys/key-queries';
import { AddReviewerForm } from './AddReviewerForm';
import { PublishDialog } from './PublishDialog';
import { useRevisions } from './revision-queries';
import { reviewerEdit, ROLES } from './roster-model';
import type { Role } from './roster-model';
import '../sign/review-forms.css';
import './revisions.css';
import { DateTime } from '../components/DateTime';

export function RosterPanel(props: { readonly contract: string; readonly draft: ContractDraftState }) {
  const { contract, draft } = props;
  const keys = useKeyList();
  const [adding, setAdding] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [confirmRevoke, setConfirmRevoke] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const roster = draft.view?.roster ?? [];
  const workspaceKeys = new Set((keys.data?.reviewerKeys ?? []).filter((k) => k.revokedAt === null).map((k) => k.keyId));
  // The newest published revision, from the revision list (the source of truth for publications).
  const publication = useRevisions(contract).data?.find((r) => r.published) ?? null;

  const edit = async (edits: Parameters<ContractDraftState['applyEdits']>[0]) => {
    setError(null);
    if (!(await draft.applyEdits(edits))) setError(DRAFT_REFUSED);
  };
  const setRoles = async (e: RosterEntryDto, roles: readonly Role[]) => {
    // An entry is rewritten whole (upsert) with the public key the roster already lists for it.
    const r = reviewerEdit({ name: e.name, email: e.email, keyId: e.fingerprint, pem: e.publicKey, roles });
    if (!r.ok) return setError(r.message);
    await edit([r.edit]);
  };

  return (
    <section className="roster-panel" aria-label="Reviewer roster">
      <div className="revisions-head">
        <button type="button" onClick={() => setAdding(true)} disabled={adding}>Add a reviewer…</button>
        <button type="button" onClick={() => setPublishing(true)} disabled={publishing} aria-haspopup="dialog">Publish…</button>
      </div>
      <p className="hint">
        Kept outside the policy digest (adding a reviewer does not void pending approvals) and signed with each publication.
        {publication ? <> Last published: revision {publication.revision}{publication.publishedAt && <>, <DateTime iso={publication.publishedAt} /></>}{publication.notAfter && <>, valid until <DateTime iso={publication.notAfter} flagPast="expired" /></>}.</> : ' Not published yet.'}
      </p>
      {adding && <AddReviewerForm draft={draft} onDone={() => setAdding(false)} />}
      {error !== null && <ErrorBox title="Roster not changed" error={error === DRAFT_REFUSED ? draftFailure(draft) : error} onDismiss={() => setError(null)} />}
      {roster.length === 0 ? (
        <p className="hint">No roster: any trusted key's signature counts, as before contract v3. Add reviewers to say who may sign.</p>
      ) : (
        <table className="roster-table" aria-label="Reviewers">
          <thead><tr><th>Name</th><th>E-mail</th><th>Fingerprint</th><th>Roles</th><th>Status</th><th /></tr></thead>
          <tbody>
            {roster.map((e) => (
              <tr key={e.fingerprint} className={e.revoked ? 'revoked' : ''} data-testid={`reviewer-${e.fingerprint.slice(7, 19)}`}>
                <td>{e.name}{e.inWorkspace && <div className="hint">key in this workspace</div>}</td>
                <td>{e.email || <span className="hint">—</span>}</td>
                <td><code className="fingerprint">{e.fingerprint}</code></td>
                <td>
                  <div className="role-boxes">
                    {ROLES.map((r) => (
                      <label key={r.role} className="checkbox" title={r.help}>
                        <input type="checkbox" checked={e.roles.includes(r.role)} disabled={e.revoked !== null || draft.busy}
                          onChange={(ev) => void setRoles(e, ev.target.checked ? [...e.roles as Role[], r.role] : (e.roles as Role[]).filter((x) => x !== r.role))} /> {r.label}
                      </label>
                    ))}
                  </div>
                </td>
                <td>{e.revoked ? <span className="badge revoked" title="Its signatures never count">revoked <DateTime iso={e.revoked} /></span> : <span className="badge pass">active</span>}</td>
                <td className="actions">
                  {e.revoked === null && (confirmRevoke === e.fingerprint ? (
                    <span className="confirm">
                      <span>Revoke {e.name}? None of its signatures will count, old or new.</span>
                      <button type="button" className="danger" onClick={() => { setConfirmRevoke(null); void edit([{ op: 'revokeReviewer', fingerprint: e.fingerprint, at: new Date().toISOString() }]); }}>Revoke</button>
                      <button type="button" onClick={() => setConfirmRevoke(null)}>Keep</button>
                    </span>
                  ) : <button type="button" className="danger" onClick={() => setConfirmRevoke(e.fingerprint)}>Revoke…</button>)}
                  <button type="button" onClick={() => void edit([{ op: 'removeReviewer', fingerprint: e.fingerprint }])} title="Drop the entry (revoking keeps the record that it was revoked)">Remove</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {draft.dirty && roster.length > 0 && <p className="hint warn">Roster changes are part of the unsaved draft: save, then publish, for them to count.</p>}
      {publishing && (
        <PublishDialog contract={contract} unsavedRoster={draft.dirty} onClose={() => setPublishing(false)} workspaceKeyIds={workspaceKeys} />
      )}
    </section>
  );
}

/** Add a workspace key to the roster (its public key exported here, never typed by hand). */
import { useState } from 'react';
import type { ContractDraftState } from '../contract/use-contract-draft';
import { api } from '../api/client';
import { ErrorBox } from '../components/ErrorBox';
import { DRAFT_REFUSED, draftFailure } from './draft-failure';
import { useKeyList } from '../keys/key-queries';
import { reviewerEdit, ROLES } from './roster-model';
import type { Role } from './roster-model';

export function AddReviewerForm(props: { readonly draft: ContractDraftState; readonly onDone: () => void }) {
  const { draft } = props;
  const keys = useKeyList();
  const listed = new Set((draft.view?.roster ?? []).map((r) => r.fingerprint));
  const candidates = [
    ...(keys.data?.reviewerKeys ?? []).filter((k) => k.revokedAt === null).map((k) => ({ keyId: k.keyId, name: k.name, kind: 'your key' })),
    ...(keys.data?.trustedKeys ?? []).filter((k) => k.revokedAt === null).map((k) => ({ keyId: k.keyId, name: k.name, kind: k.role === 'vendor' ? 'vendor key' : 'co-reviewer key' })),
  ].filter((k) => !listed.has(k.keyId));
  const [keyId, setKeyId] = useState('');
  const chosen = candidates.find((k) => k.keyId === keyId) ?? candidates[0];
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<readonly Role[]>(['approver']);
  const [error, setError] = useState<unknown>(null);
  const add = async () => {
    if (!chosen) return;
    setError(null);
    const pem = await api.exportPublicKey({ keyId: chosen.keyId });
    if (!pem.ok) return setError(`Cannot read the public key of ${chosen.name}: ${pem.message}`);
    const r = reviewerEdit({ name: name || chosen.name, email, keyId: chosen.keyId, pem: pem.value.pem, roles });
    if (!r.ok) return setError(r.message);
    if (await draft.applyEdits([r.edit])) props.onDone();
    else setError(DRAFT_REFUSED);
  };
  if (keys.error) return <ErrorBox title="Cannot list the workspace keys" error={keys.error} />;
  if (keys.data && candidates.length === 0) return <p className="hint">Every key of this workspace is already listed. Create or trust a key under Keys &amp; trust first.</p>;
  return (
    <form className="inline-form" aria-label="Add a reviewer" onSubmit={(e) => { e.preventDefault(); void add(); }}>
      <label htmlFor="roster-key">Key</label>
      <select id="roster-key" value={chosen?.keyId ?? ''} onChange={(e) => setKeyId(e.target.value)}>
        {candidates.map((k) => <option key={k.keyId} value={k.keyId}>{k.name} ({k.kind}, {k.keyId.slice(7, 19)}…)</option>)}
      </select>
      <label htmlFor="roster-name">Name</label>
      <input id="roster-name" value={name} placeholder={chosen?.name ?? ''} maxLength={200} onChange={(e) => setName(e.target.value)} />
      <label htmlFor="roster-email">E-mail</label>
      <input id="roster-email" type="email" value={email} maxLength={320} onChange={(e) => setEmail(e.target.value)} />
      <fieldset>
        <legend>Roles</legend>
        <div className="role-boxes">
          {ROLES.map((r) => (
            <label key={r.role} className="checkbox" title={r.help}>
              <input type="checkbox" checked={roles.includes(r.role)} onChange={(e) => setRoles(e.target.checked ? [...roles, r.role] : roles.filter((x) => x !== r.role))} /> {r.label}
            </label>
          ))}
        </div>
      </fieldset>
      {error !== null && <ErrorBox title="Reviewer not added" error={error === DRAFT_REFUSED ? draftFailure(draft) : error} />}
      <div className="actions">
        <button type="submit" disabled={!chosen || draft.busy}>Add to the roster</button>
        <button type="button" onClick={props.onDone}>Cancel</button>
      </div>
    </form>
  );
}

/** Make an older revision current again, as a new revision (history is never rewritten). */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ContractDraftState } from '../contract/use-contract-draft';
import { api, unwrap } from '../api/client';
import { ErrorBox } from '../components/ErrorBox';
import { useKeyList, usableKeys } from '../keys/key-queries';
import { invalidateContract } from './revision-queries';

export function RevertForm(props: { readonly contract: string; readonly draft: ContractDraftState; readonly revision: number; readonly onClose: () => void }) {
  const { contract, revision, draft } = props;
  const client = useQueryClient();
  const keys = usableKeys(useKeyList().data?.reviewerKeys);
  const [comment, setComment] = useState(`Revert to revision ${revision}`);
  const [keyId, setKeyId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const chosen = keys.find((k) => k.keyId === keyId) ? keyId : (keys[0]?.keyId ?? '');
  const revert = async () => {
    setError(null);
    try {
      await unwrap(api.revertContract({ contract, revision, comment, keyId: chosen }));
      await invalidateContract(client);
      props.onClose();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="inline-form" role="dialog" aria-label={`Revert to revision ${revision}`} onSubmit={(e) => { e.preventDefault(); void revert(); }}>
      <p>Revision {revision}'s content becomes a new revision. {draft.dirty && <strong>Your unsaved draft is kept separately; reset it to start from the reverted text.</strong>}</p>
      <label htmlFor="revert-comment">Comment</label>
      <input id="revert-comment" value={comment} maxLength={10_000} onChange={(e) => setComment(e.target.value)} />
      <label htmlFor="revert-key">Author (your key)</label>
      <select id="revert-key" value={chosen} onChange={(e) => setKeyId(e.target.value)}>
        {keys.map((k) => <option key={k.keyId} value={k.keyId}>{k.name}</option>)}
      </select>
      {error !== null && <ErrorBox title="Not reverted" error={error} />}
      <div className="actions">
        <button type="submit" disabled={chosen === ''}>Revert as a new revision</button>
        <button type="button" onClick={props.onClose}>Cancel</button>
      </div>
    </form>
  );
}

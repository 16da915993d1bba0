/**
 * Save the draft as a new revision: a comment and the key that names the author. Every own
 * policy's tests run first; a failing one (or a draft that does not load) disables Save and
 * says why. The host checks the same again before it stores anything.
 */
import { useState } from 'react';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import type { ContractDraftState } from '../contract/use-contract-draft';
import type { SavedRevisionDto } from '../../../electron/shared/contract-editor-types';
import { api, unwrap } from '../api/client';
import { ErrorBox } from '../components/ErrorBox';
import { useKeyList, usableKeys } from '../keys/key-queries';
import { textKey } from '../policy-editor/use-debounced';
import { invalidateContract } from './revision-queries';
import { saveBlockers } from './save-blockers';

export function SaveDialog(props: { readonly contract: string; readonly draft: ContractDraftState; readonly onClose: () => void; readonly onSaved?: (r: SavedRevisionDto) => void }) {
  const { contract, draft } = props;
  const client = useQueryClient();
  const keys = usableKeys(useKeyList().data?.reviewerKeys);
  const [comment, setComment] = useState('');
  const [keyId, setKeyId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const own = (draft.view?.policies ?? []).filter((p) => p.pack === '');
  const tests = useQueries({
    queries: own.map((p) => ({
      queryKey: ['runPolicyTests', contract, p.id, textKey(draft.text)],
      queryFn: () => unwrap(api.runPolicyTests({ contract, text: draft.text, policy: p.id })),
      retry: false,
    })),
  });
  const chosen = keys.find((k) => k.keyId === keyId) ? keyId : (keys[0]?.keyId ?? '');
  const blockers = saveBlockers({
    dirty: draft.dirty, problems: draft.problems,
    tests: tests.map((t) => (t.error ? (t.error as Error) : t.data)), keyChosen: chosen !== '',
  });
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const text = draft.text;
      const saved = await unwrap(api.saveContract({ contract, text, comment, keyId: chosen }));
      draft.markSaved(text);
      await invalidateContract(client);
      props.onSaved?.(saved);
      props.onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="sign-form save-dialog" role="dialog" aria-label="Save revision" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <h3>Save as a new revision of {contract}</h3>
      <label htmlFor="save-comment">What changed and why</label>
      <textarea id="save-comment" rows={3} maxLength={10_000} value={comment} onChange={(e) => setComment(e.target.value)} />
      <label htmlFor="save-key">Author (your key)</label>
      {keys.length === 0
        ? <p className="hint warn">No usable key in this workspace: create one under Keys &amp; trust.</p>
        : (
          <select id="save-key" value={chosen} onChange={(e) => setKeyId(e.target.value)}>
            {keys.map((k) => <option key={k.keyId} value={k.keyId}>{k.name} ({k.keyId.slice(7, 19)}…)</option>)}
          </select>
        )}
      <p className="hint">The revision records this key's identity as its author; saving does not sign (publishing does).</p>
      {blockers.length > 0 && (
        <ul className="save-blockers" aria-label="Why Save is disabled" data-testid="save-blockers">
          {blockers.map((b, i) => <li key={i}>{b}</li>)}
        </ul>
      )}
      {error !== null && <ErrorBox title="The revision was not saved" error={error} />}
      <div className="actions">
        <button type="submit" disabled={blockers.length > 0 || saving}>{saving ? 'Saving…' : 'Save revision'}</button>
        <button type="button" onClick={props.onClose}>Cancel</button>
      </div>
    </form>
  );
}

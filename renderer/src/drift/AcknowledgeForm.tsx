/**
 * Acknowledge one drift item with a signed note, or mark it "to be reverted by the vendor"
 * (drift-acknowledgement/v1). The note is required: the vendor and the auditors read it.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { DriftAcknowledgementModeDto, DriftItemDto, ReviewerKeyDto } from '../../../electron/shared/api-types';
import { api, unwrap } from '../api/client';
import { InlineError } from '../sign/errors';
import { useRefreshingMutation } from '../sign/sign-queries';
import { SigningKeyFields } from '../sign/SigningKeyFields';
import type { SigningKeyValue } from '../sign/SigningKeyFields';

export function AcknowledgeForm(props: { readonly item: DriftItemDto; readonly keys: readonly ReviewerKeyDto[]; readonly onSigned: (file: string) => void }) {
  const [open, setOpen] = useState<DriftAcknowledgementModeDto | null>(null);
  const [note, setNote] = useState('');
  const [signer, setSigner] = useState<SigningKeyValue>({ keyId: '', passphrase: '' });
  const [localError, setLocalError] = useState<string | null>(null);
  const mutation = useRefreshingMutation(async (mode: DriftAcknowledgementModeDto) => {
    const r = await unwrap(api.acknowledgeDrift({ key: props.item.key, note, mode, keyId: signer.keyId, passphrase: signer.passphrase }));
    // Told here, not in mutate's onSuccess: the refreshed item shows its acknowledgement and this form unmounts first.
    props.onSigned(r.file);
    return r;
  });
  if (open === null) {
    return (
      <div className="actions">
        <button type="button" onClick={() => setOpen('acknowledged')}>Acknowledge…</button>
        <button type="button" onClick={() => setOpen('revert-by-vendor')}>To be reverted by the vendor…</button>
      </div>
    );
  }
  const acknowledging = open === 'acknowledged';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    mutation.reset();
    if (note.trim() === '') return setLocalError(acknowledging ? 'Say why this drift is accepted: the vendor and the auditors read it.' : 'Tell the vendor what to revert.');
    if (signer.passphrase === '') return setLocalError('Type the passphrase of the signing key.');
    mutation.mutate(open, {
      onSuccess: () => {
        setOpen(null);
        setNote('');
        setSigner((s) => ({ ...s, passphrase: '' }));
      },
    });
  };
  const id = `ack-${props.item.key.slice(7, 19)}`;
  return (
    <form noValidate aria-label={acknowledging ? `Acknowledge the drift of ${props.item.address}` : `Mark ${props.item.address} to be reverted by the vendor`} className="inline-form drift-ack-form" onSubmit={submit}>
      <label htmlFor={`${id}-note`}>{acknowledging ? 'Note (required): why this drift is accepted' : 'Note for the vendor (required): what to revert'}</label>
      <textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      <SigningKeyFields keys={props.keys} value={signer} onChange={setSigner} />
      {localError && <p role="alert" className="inline-error">{localError}</p>}
      <InlineError error={mutation.error} />
      <div className="actions">
        <button type="submit" disabled={mutation.isPending}>{acknowledging ? 'Sign the acknowledgement' : 'Sign: to be reverted by the vendor'}</button>
        <button type="button" onClick={() => setOpen(null)} disabled={mutation.isPending}>Cancel</button>
      </div>
    </form>
  );
}

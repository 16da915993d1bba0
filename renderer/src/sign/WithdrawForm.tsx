/**
 * "Withdraw my approval/rejection": a signed withdrawal with a required reason, offered only
 * for a standing decision signed by one of my keys (the core refuses anyone else's).
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { DecisionSignatureDto, ReviewerKeyDto, SignResult } from '../../../electron/shared/api-types';
import { api, unwrap } from '../api/client';
import { InlineError } from './errors';
import { useRefreshingMutation } from './sign-queries';
import { SigningKeyFields } from './SigningKeyFields';
import type { SigningKeyValue } from './SigningKeyFields';

export function WithdrawForm(props: {
  readonly digest: string;
  readonly decision: DecisionSignatureDto;
  /** The key that signed the decision (a key of mine). */
  readonly keys: readonly ReviewerKeyDto[];
  readonly onWithdrawn: (r: SignResult) => void;
}) {
  const what = props.decision.decision === 'approve' ? 'approval' : 'rejection';
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [signer, setSigner] = useState<SigningKeyValue>({ keyId: '', passphrase: '' });
  const [localError, setLocalError] = useState<string | null>(null);
  const mutation = useRefreshingMutation(() => unwrap(api.withdrawDecision({
    digest: props.digest, keyId: signer.keyId, passphrase: signer.passphrase, reason, decision: props.decision.digest,
  })));
  if (!open) {
    return <div className="actions"><button type="button" className="danger" onClick={() => setOpen(true)}>Withdraw my {what}</button></div>;
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    mutation.reset();
    if (reason.trim() === '') return setLocalError(`Say why you withdraw your ${what}: the vendor and your co-reviewers read it.`);
    if (signer.passphrase === '') return setLocalError('Type the passphrase of the signing key.');
    mutation.mutate(undefined, {
      onSuccess: (r) => {
        setOpen(false);
        setReason('');
        setSigner((s) => ({ ...s, passphrase: '' }));
        props.onWithdrawn(r);
      },
    });
  };
  return (
    <form noValidate aria-label={`Withdraw my ${what}`} className="inline-form" onSubmit={submit}>
      <label htmlFor="withdraw-reason">Reason (required)</label>
      <textarea id="withdraw-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={`Why your ${what} no longer stands`} />
      <SigningKeyFields keys={props.keys} value={signer} onChange={setSigner} />
      {localError && <p role="alert" className="inline-error">{localError}</p>}
      <InlineError error={mutation.error} />
      <div className="actions">
        <button type="submit" className="danger" disabled={mutation.isPending}>Sign the withdrawal</button>
        <button type="button" onClick={() => setOpen(false)} disabled={mutation.isPending}>Cancel</button>
      </div>
    </form>
  );
}

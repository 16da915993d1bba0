/**
 * Revoking a key is permanent (its signatures stop counting from now on), so it asks first,
 * inline, naming the key.
 */
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { InlineError } from '../sign/errors';
import { useRefreshingMutation } from '../sign/sign-queries';

export function RevokeButton(props: { readonly keyId: string; readonly name: string; readonly consequence: string }) {
  const [confirming, setConfirming] = useState(false);
  const mutation = useRefreshingMutation(() => unwrap(api.revokeKey({ keyId: props.keyId })));
  if (!confirming) {
    return <button type="button" className="danger" onClick={() => setConfirming(true)} aria-label={`Revoke ${props.name}`}>Revoke</button>;
  }
  return (
    <div role="group" aria-label={`Confirm revoking ${props.name}`} className="confirm">
      <p>Revoke {props.name}? {props.consequence} This cannot be undone.</p>
      <button type="button" className="danger" disabled={mutation.isPending}
        onClick={() => mutation.mutate(undefined, { onSuccess: () => setConfirming(false) })}>Yes, revoke</button>
      <button type="button" onClick={() => { mutation.reset(); setConfirming(false); }}>Cancel</button>
      <InlineError error={mutation.error} />
    </div>
  );
}

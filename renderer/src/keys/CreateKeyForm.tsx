/**
 * Create a signing key: a name (who signs with it) and the passphrase twice, with a strength
 * hint while typing. Mismatches and passphrases the core would refuse are refused here first.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ReviewerKeyDto } from '../../../electron/shared/api-types';
import { api, unwrap } from '../api/client';
import { InlineError } from '../sign/errors';
import { useRefreshingMutation } from '../sign/sign-queries';
import { passphraseStrength } from './passphrase-strength';

const LEVEL_LABEL = { unusable: 'Not allowed', weak: 'Weak', fair: 'Fair', strong: 'Strong' } as const;

export function CreateKeyForm(props: { readonly onCreated: (key: ReviewerKeyDto) => void }) {
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const mutation = useRefreshingMutation(() => unwrap(api.createKey({ name: name.trim(), passphrase })));
  const strength = passphraseStrength(passphrase);
  const mismatch = repeat !== '' && repeat !== passphrase;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    mutation.reset();
    if (name.trim() === '') return setLocalError('Give the key a name: who signs with it (for example your name).');
    if (!strength.acceptable) return setLocalError(`Choose another passphrase: ${strength.hint}`);
    if (repeat !== passphrase) return setLocalError('The two passphrases differ: type the same passphrase twice.');
    mutation.mutate(undefined, {
      onSuccess: (key) => {
        setName('');
        setPassphrase('');
        setRepeat('');
        props.onCreated(key);
      },
    });
  };

  return (
    <form noValidate aria-label="Create a signing key" className="sign-form" onSubmit={submit}>
      <h2>Create a signing key</h2>
      <p className="hint">An Ed25519 key stored only encrypted with its passphrase. It never leaves this machine; the passphrase cannot be recovered.</p>
      <label htmlFor="new-key-name">Key name</label>
      <input id="new-key-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      <label htmlFor="new-key-pass">Passphrase</label>
      <input id="new-key-pass" type="password" autoComplete="new-password" value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)} aria-describedby="new-key-strength" />
      <p id="new-key-strength" className={passphrase === '' ? 'hint' : `strength ${strength.level}`} aria-live="polite" data-testid="passphrase-strength">
        {passphrase === '' ? strength.hint : `${LEVEL_LABEL[strength.level]} — ${strength.hint}`}
      </p>
      <label htmlFor="new-key-repeat">Repeat passphrase</label>
      <input id="new-key-repeat" type="password" autoComplete="new-password" value={repeat}
        onChange={(e) => setRepeat(e.target.value)} aria-invalid={mismatch} aria-describedby={mismatch ? 'new-key-mismatch' : undefined} />
      {mismatch && <p id="new-key-mismatch" className="hint warn">The passphrases do not match yet.</p>}
      {localError && <p role="alert" className="inline-error">{localError}</p>}
      <InlineError error={mutation.error} />
      <button type="submit" disabled={mutation.isPending}>{mutation.isPending ? 'Creating…' : 'Create key'}</button>
    </form>
  );
}

/**
 * Rotate the personal key: the old key's passphrase (only its holder replaces it), the new
 * passphrase twice with the strength hint, and optionally a new name. The answer says what the
 * rotation did to each contract: published with the new key, or saved for a contract owner.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ReviewerKeyDto, RotateKeyDto } from '../../../electron/shared/api-types';
import { api, unwrap } from '../api/client';
import { InlineError } from '../sign/errors';
import { useRefreshingMutation } from '../sign/sign-queries';
import { passphraseStrength } from './passphrase-strength';

const LEVEL_LABEL = { unusable: 'Not allowed', weak: 'Weak', fair: 'Fair', strong: 'Strong' } as const;

export function RotateKeyForm(props: { readonly personal: readonly ReviewerKeyDto[]; readonly onRotated: (r: RotateKeyDto) => void; readonly onCancel: () => void }) {
  const [keyId, setKeyId] = useState(props.personal[0]?.keyId ?? '');
  const [name, setName] = useState('');
  const [oldPassphrase, setOldPassphrase] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const extra = props.personal.length - 1;
  const mutation = useRefreshingMutation(() => unwrap(api.rotateKey({
    keyId, passphrase: oldPassphrase, newPassphrase: passphrase,
    ...(name.trim() !== '' ? { name: name.trim() } : {}),
    // Several keys (a workspace made before one key per person): the rotation retires the others.
    ...(extra > 0 ? { retireOthers: true } : {}),
  })));
  const strength = passphraseStrength(passphrase);
  const mismatch = repeat !== '' && repeat !== passphrase;
  const old = props.personal.find((k) => k.keyId === keyId);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    mutation.reset();
    if (oldPassphrase === '') return setLocalError('Type the passphrase of the key you replace.');
    if (!strength.acceptable) return setLocalError(`Choose another passphrase for the new key: ${strength.hint}`);
    if (repeat !== passphrase) return setLocalError('The two new passphrases differ: type the same passphrase twice.');
    if (passphrase === oldPassphrase) return setLocalError('Choose a new passphrase for the new key, not the old one.');
    mutation.mutate(undefined, { onSuccess: (r) => props.onRotated(r) });
  };

  return (
    <form noValidate aria-label="Rotate your signing key" className="sign-form rotate-form" onSubmit={submit}>
      <h2>Rotate your signing key</h2>
      <p className="hint">
        A new key replaces {old ? <strong>{old.name}</strong> : 'your key'}: the old key is revoked here, and every contract whose roster lists it gets
        a new revision naming the new key (published at once, signed by the new key, where you are a contract owner).
      </p>
      {props.personal.length > 1 && (
        <>
          <label htmlFor="rotate-key">Key to rotate</label>
          <select id="rotate-key" value={keyId} onChange={(e) => setKeyId(e.target.value)}>
            {props.personal.map((k) => <option key={k.keyId} value={k.keyId}>{k.name} ({k.keyId.slice(7, 19)}…)</option>)}
          </select>
          <p className="hint warn" data-testid="retire-note">The other {extra === 1 ? 'key is' : `${extra} keys are`} revoked too: afterwards this workspace holds one personal key.</p>
        </>
      )}
      <label htmlFor="rotate-old-pass">Passphrase of the current key</label>
      <input id="rotate-old-pass" type="password" autoComplete="current-password" value={oldPassphrase} onChange={(e) => setOldPassphrase(e.target.value)} />
      <label htmlFor="rotate-name">New key name <span className="hint">(optional; default: {old?.name ?? 'the same'})</span></label>
      <input id="rotate-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      <label htmlFor="rotate-new-pass">New passphrase</label>
      <input id="rotate-new-pass" type="password" autoComplete="new-password" value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)} aria-describedby="rotate-strength" />
      <p id="rotate-strength" className={passphrase === '' ? 'hint' : `strength ${strength.level}`} aria-live="polite">
        {passphrase === '' ? strength.hint : `${LEVEL_LABEL[strength.level]} — ${strength.hint}`}
      </p>
      <label htmlFor="rotate-repeat">Repeat new passphrase</label>
      <input id="rotate-repeat" type="password" autoComplete="new-password" value={repeat}
        onChange={(e) => setRepeat(e.target.value)} aria-invalid={mismatch} />
      {mismatch && <p className="hint warn">The new passphrases do not match yet.</p>}
      {localError && <p role="alert" className="inline-error">{localError}</p>}
      <InlineError error={mutation.error} />
      <div className="form-actions">
        <button type="submit" disabled={mutation.isPending}>{mutation.isPending ? 'Rotating…' : 'Rotate key'}</button>
        <button type="button" onClick={props.onCancel} disabled={mutation.isPending}>Cancel</button>
      </div>
    </form>
  );
}

/** What a rotation did: the new key, the keys revoked, and each contract revised. */
export function RotationResult(props: { readonly result: RotateKeyDto }) {
  const r = props.result;
  return (
    <section role="status" aria-label="Key rotated" className="rotation-result">
      <p>New key <strong>{r.newKey.name}</strong> <code className="fingerprint">{r.newKey.keyId}</code> is in force; revoked {r.revoked.length === 1 ? 'the old key' : `${r.revoked.length} keys`}.</p>
      {r.contracts.length === 0
        ? <p className="hint">No contract roster listed the old key: no contract changed.</p>
        : (
          <ul aria-label="Contracts revised">
            {r.contracts.map((c) => (
              <li key={c.contract}>
                <span className={`badge ${c.status === 'published' ? 'pass' : 'approval'}`}>{c.status === 'published' ? 'published' : 'needs publishing'}</span>{' '}
                <strong>{c.contract}</strong>: {c.message}
              </li>
            ))}
          </ul>
        )}
      <p className="hint">Give your co-reviewers and the vendor the new public key (Export public key).</p>
    </section>
  );
}

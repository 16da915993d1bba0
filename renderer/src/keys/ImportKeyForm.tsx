/**
 * Trust someone else's public key: a co-reviewer (their signatures count toward quorums) or a
 * vendor (verifies the vendor's change-set signatures). Paste the PEM or choose a .pem file.
 */
import { useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { api, unwrap } from '../api/client';
import { InlineError } from '../sign/errors';
import { useRefreshingMutation } from '../sign/sign-queries';

type Role = 'reviewer' | 'vendor' | 'contract-owner';
const MAX_PEM_BYTES = 20_000;

export function ImportKeyForm(props: { readonly onImported: (name: string) => void }) {
  const [pem, setPem] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('reviewer');
  const [localError, setLocalError] = useState<string | null>(null);
  const mutation = useRefreshingMutation(() => unwrap(api.trustKey({ pem: pem.trim(), name: name.trim(), role })));

  const chooseFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setLocalError(null);
    if (file.size > MAX_PEM_BYTES) return setLocalError(`${file.name}: too large for a public key (${file.size} bytes); choose the .pem file with one PUBLIC KEY block.`);
    setPem(await file.text());
    if (name.trim() === '') setName(file.name.replace(/\.pem$/i, ''));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    mutation.reset();
    if (pem.trim() === '') return setLocalError('Paste the public key (-----BEGIN PUBLIC KEY-----) or choose its .pem file.');
    if (name.trim() === '') return setLocalError('Give the key a name: whose key it is.');
    mutation.mutate(undefined, {
      onSuccess: (key) => {
        setPem('');
        setName('');
        props.onImported(key.name);
      },
    });
  };

  return (
    <form noValidate aria-label="Import a public key" className="sign-form" onSubmit={submit}>
      <h2>Import a co-reviewer's or vendor's public key</h2>
      <label htmlFor="import-key-pem">Public key (PEM)</label>
      <textarea id="import-key-pem" rows={5} spellCheck={false} value={pem} onChange={(e) => setPem(e.target.value)}
        placeholder={'-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----'} />
      <label htmlFor="import-key-file">Or choose a .pem file</label>
      <input id="import-key-file" type="file" accept=".pem,.pub,.txt,application/x-pem-file" onChange={(e) => void chooseFile(e)} />
      <label htmlFor="import-key-name">Name</label>
      <input id="import-key-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      <label htmlFor="import-key-role">Role</label>
      <select id="import-key-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
        <option value="reviewer">Co-reviewer: their signatures count toward approvals and exceptions</option>
        <option value="vendor">Vendor: verifies the vendor's change-set signatures</option>
        <option value="contract-owner">Contract owner: their published contracts are accepted in signing requests</option>
      </select>
      {localError && <p role="alert" className="inline-error">{localError}</p>}
      <InlineError error={mutation.error} />
      <button type="submit" disabled={mutation.isPending}>Import key</button>
    </form>
  );
}

/**
 * "Which of my keys signs, and its passphrase": the two fields every signing form ends with.
 * The passphrase goes to the core for one signature and is never kept by the renderer.
 */
import { useEffect, useId } from 'react';
import type { ReviewerKeyDto } from '../../../electron/shared/api-types';
import { shortId } from './format';

export interface SigningKeyValue {
  readonly keyId: string;
  readonly passphrase: string;
}

export function SigningKeyFields(props: {
  readonly keys: readonly ReviewerKeyDto[];
  readonly value: SigningKeyValue;
  readonly onChange: (v: SigningKeyValue) => void;
}) {
  const id = useId();
  const { keys, value, onChange } = props;
  // Default to the first usable key, and drop a key that disappeared (revoked elsewhere).
  useEffect(() => {
    if (keys.length > 0 && !keys.some((k) => k.keyId === value.keyId)) onChange({ ...value, keyId: keys[0]!.keyId });
  }, [keys, value, onChange]);

  if (keys.length === 0) {
    return (
      <p className="hint">
        You have no signing key yet. <a href="#/keys">Create one under Keys &amp; trust</a>, then come back to sign.
      </p>
    );
  }
  return (
    <div className="signing-key-fields">
      <label htmlFor={`${id}-key`}>Signing key</label>
      <select id={`${id}-key`} value={value.keyId} onChange={(e) => onChange({ ...value, keyId: e.target.value })}>
        {keys.map((k) => (
          <option key={k.keyId} value={k.keyId}>{k.name} ({shortId(k.keyId)})</option>
        ))}
      </select>
      <label htmlFor={`${id}-pass`}>Passphrase</label>
      <input
        id={`${id}-pass`}
        type="password"
        autoComplete="current-password"
        value={value.passphrase}
        onChange={(e) => onChange({ ...value, passphrase: e.target.value })}
      />
    </div>
  );
}

/**
 * In place of the create form once a personal key exists: why there is no second key, and the
 * way to replace it. A workspace made before the one-key rule (several keys in force) is told
 * what that means: each key still signs, but quorum counts a person once.
 */
import type { ReviewerKeyDto } from '../../../electron/shared/api-types';

export function PersonalKeyNote(props: { readonly personal: readonly ReviewerKeyDto[]; readonly rotating: boolean; readonly onRotate: () => void }) {
  const [first] = props.personal;
  const several = props.personal.length > 1;
  return (
    <section aria-label="Your personal key" className="personal-key-note">
      {several ? (
        <p role="note" className="legacy-keys">
          This workspace holds {props.personal.length} signing keys in force, made before one personal key per workspace.
          Each can still sign, but a contract&apos;s quorum counts each person once, however many keys they hold.
          Rotating replaces them with one new key and retires the others.
        </p>
      ) : (
        <p className="hint">
          This workspace holds your personal signing key <strong>{first?.name}</strong>. One person signs with one key:
          to replace it (a new passphrase, a lost or exposed key), rotate it. The old key is revoked and your contracts list the new one.
        </p>
      )}
      {!props.rotating && <button type="button" onClick={props.onRotate}>Rotate key</button>}
    </section>
  );
}

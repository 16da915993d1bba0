/**
 * "Back up workspace" (issue 12): an encrypted, consistent copy of the workspace, written where
 * the save dialog says (browser mode: the workspace folder's backups/). The passphrase twice;
 * the core refuses a weak one with the same rule as a key's. docs/backup.md tells how to restore.
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { BackupDto } from '../../../electron/shared/api-types';
import { api, unwrap } from '../api/client';
import { passphraseStrength } from '../keys/passphrase-strength';
import { InlineError } from '../sign/errors';

export function BackupWorkspace() {
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [done, setDone] = useState<BackupDto | 'cancelled' | null>(null);
  const mutation = useMutation({ mutationFn: () => unwrap(api.backupWorkspace({ passphrase })) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    setDone(null);
    mutation.reset();
    const strength = passphraseStrength(passphrase);
    if (!strength.acceptable) return setLocalError(`Choose another passphrase: ${strength.hint}`);
    if (repeat !== passphrase) return setLocalError('The two passphrases differ: type the same passphrase twice.');
    mutation.mutate(undefined, {
      onSuccess: (r) => {
        setPassphrase('');
        setRepeat('');
        setDone(r ?? 'cancelled');
      },
    });
  };

  return (
    <form noValidate aria-label="Back up workspace" className="sign-form" onSubmit={submit}>
      <h2>Back up workspace</h2>
      <p className="hint">
        An encrypted copy of the whole workspace (audit log and your key included), consistent while you work.
        Without its passphrase the file reveals nothing; keep the passphrase apart from the file.
        Restore with <code>countersign workspace restore FILE</code>.
      </p>
      <label htmlFor="backup-pass">Backup passphrase</label>
      <input id="backup-pass" type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      <label htmlFor="backup-repeat">Repeat passphrase</label>
      <input id="backup-repeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
      {localError && <p role="alert" className="inline-error">{localError}</p>}
      <InlineError error={mutation.error} />
      <div className="actions">
        <button type="submit" disabled={mutation.isPending}>{mutation.isPending ? 'Backing up…' : 'Back up workspace'}</button>
        {done === 'cancelled' && <span role="status">Cancelled: nothing was written.</span>}
        {done && done !== 'cancelled' && (
          <span role="status">Saved {done.file} ({done.auditEntries} audit entries, head {done.head}…).</span>
        )}
      </div>
    </form>
  );
}

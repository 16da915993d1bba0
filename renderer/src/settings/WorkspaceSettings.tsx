/**
 * Workspace settings (issue 10): how many days before an exception expires the inbox warns
 * (1..90, default 7). Checked here for a quick answer; the core validates the same.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { api, unwrap } from '../api/client';
import { InlineError } from '../sign/errors';
import { useRefreshingMutation } from '../sign/sign-queries';
import { warningDaysProblem } from './warning-days';

export function WorkspaceSettings() {
  const settings = useQuery({ queryKey: ['getSettings'], queryFn: () => unwrap(api.getSettings({})) });
  const [days, setDays] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // What the user typed before the settings arrived is theirs: the stored value fills an untouched field only.
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (settings.data && !touched) setDays(String(settings.data.exceptionExpiryWarningDays));
  }, [settings.data, touched]);
  const mutation = useRefreshingMutation((n: number) => unwrap(api.updateSettings({ exceptionExpiryWarningDays: n })));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    mutation.reset();
    const problem = warningDaysProblem(days);
    setLocalError(problem);
    if (problem === null) mutation.mutate(Number(days.trim()), { onSuccess: () => setSaved(true) });
  };
  return (
    <form noValidate aria-label="Workspace settings" className="sign-form" onSubmit={submit}>
      <h2>Settings</h2>
      <InlineError error={settings.error} prefix="Cannot load the settings" />
      <label htmlFor="expiry-warning-days">Warn about exceptions expiring within (days)</label>
      <input id="expiry-warning-days" inputMode="numeric" value={days} onChange={(e) => { setDays(e.target.value); setTouched(true); setSaved(false); }} />
      <p className="hint">The inbox lists every exception that expires within this period (1 to 90 days; 7 by default).</p>
      {localError && <p role="alert" className="inline-error">{localError}</p>}
      <InlineError error={mutation.error} />
      <div className="actions">
        <button type="submit" disabled={mutation.isPending || !settings.data}>Save</button>
        {saved && <span role="status">Saved.</span>}
      </div>
    </form>
  );
}

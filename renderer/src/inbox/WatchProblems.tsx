/**
 * Failed automatic imports of the watched inbox folder (issue 11): what failed, why, where the
 * file is now (inbox/failed/…), and a Dismiss that hides the notice (the file stays there).
 */
import { useState } from 'react';
import type { WatchProblemDto } from '../../../electron/shared/api-types';
import { api, ApiError } from '../api/client';
import { DateTime } from '../components/DateTime';
import { ErrorBox } from '../components/ErrorBox';

const SHOWN = 3;

export function WatchProblems(props: { readonly problems: readonly WatchProblemDto[]; readonly onDismissed: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const dismiss = async (id: string) => {
    const r = await api.dismissWatchProblem({ id });
    if (!r.ok) setError(ApiError.of(r));
    props.onDismissed();
  };
  const more = props.problems.length - SHOWN;
  return (
    <>
      {props.problems.slice(0, SHOWN).map((p) => (
        <ErrorBox key={p.id} title={`Automatic import of ${p.file} failed`} error={p.message} onDismiss={() => void dismiss(p.id)}>
          <p className="hint watch-problem-where">
            {p.movedTo
              ? <>Moved to <code>{p.movedTo}</code> in the workspace folder. Fix it and save it to the inbox folder again to retry.</>
              : <>It could not be moved to <code>inbox/failed/</code> and is still in the inbox folder.</>}
            {' '}<DateTime iso={p.at} />
          </p>
        </ErrorBox>
      ))}
      {more > 0 && <p className="hint">{more} more failed automatic import{more === 1 ? '' : 's'} (dismiss the ones above to see them).</p>}
      {error !== null && <ErrorBox title="Could not dismiss the notice" error={error} onDismiss={() => setError(null)} />}
    </>
  );
}

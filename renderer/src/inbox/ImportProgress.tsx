/** Progress of an import: bytes read, then an indeterminate bar while the core evaluates. */
import { useEffect, useState } from 'react';
import { hrefOf } from '../router';
import type { ImportState } from './use-import';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function Elapsed(props: { readonly since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  return <>{Math.max(0, Math.round((now - props.since) / 1000))} s</>;
}

export function ImportProgress(props: { readonly state: ImportState }) {
  const { state } = props;
  if (state.phase === 'reading') {
    return (
      <div className="import-progress" role="status">
        <label>
          Reading {state.files} {state.files === 1 ? 'file' : 'files'}: {mb(state.loaded)} of {mb(state.total)}
          <progress value={state.loaded} max={Math.max(1, state.total)} aria-label="Reading files" />
        </label>
      </div>
    );
  }
  if (state.phase === 'evaluating') {
    return (
      <div className="import-progress" role="status">
        <label>
          {state.files > 0 ? `Loading and evaluating ${state.files} ${state.files === 1 ? 'file' : 'files'} (${mb(state.total)})…` : 'Importing…'}{' '}
          <Elapsed since={state.startedAt} />
          <progress aria-label="Evaluating the change set" />
        </label>
      </div>
    );
  }
  if (state.phase === 'recorded') {
    // Signed files from co-reviewers: what each recorded, one line per file.
    return (
      <div className="import-progress" role="status" aria-label="Signed files imported">
        <p>Imported {state.names}:</p>
        <ul>{state.summary.split('\n').map((line, i) => <li key={i}>{line}</li>)}</ul>
        {state.digest && <a href={hrefOf({ screen: 'review', digest: state.digest })}>Open the review</a>}
      </div>
    );
  }
  return null;
}

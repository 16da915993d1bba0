/**
 * Ways to import a change set: the native dialog (desktop app), a file picker (several files
 * or an archive), and a folder picker (a bundle folder). Drag-and-drop is on the whole screen.
 */
import { useRef } from 'react';
import type { ChangeEvent } from 'react';
import type { PickedFile } from './read-files';
import { LabelFields, labelsProblem } from './LabelFields';
import type { LabelValues } from './LabelFields';
import { pickedFromInput } from './read-files';

export function ImportControls(props: {
  readonly native: boolean;
  readonly busy: boolean;
  readonly onPicked: (files: PickedFile[]) => void;
  readonly onDialog: () => void;
  /** Issue 11: display labels to set on what is imported next (optional). */
  readonly labels: LabelValues;
  readonly onLabels: (labels: LabelValues) => void;
}) {
  const problem = labelsProblem(props.labels);
  // A label the API would refuse holds the import back rather than importing without it.
  const busy = props.busy || problem !== null;
  const { onPicked } = props;
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const picked = pickedFromInput(e.target.files);
    // Clear it so picking the same file again (after fixing it) fires change again.
    e.target.value = '';
    onPicked(picked);
  };
  return (
    <div className="import-controls" role="group" aria-label="Import a change set">
      {props.native && <button type="button" onClick={props.onDialog} disabled={busy}>Import…</button>}
      <label className={`file-button${busy ? ' disabled' : ''}`}>
        {props.native ? 'Choose files' : 'Import files…'}
        <input ref={fileInput} type="file" multiple className="visually-hidden" onChange={onChange} disabled={busy}
          aria-label="Import files (a bundle archive, or a changeset.yaml with its files)" />
      </label>
      <label className={`file-button${busy ? ' disabled' : ''}`}>
        Import folder…
        <input ref={(el) => {
          folderInput.current = el;
          // Not in React's typings; Chromium and Electron support it.
          el?.setAttribute('webkitdirectory', '');
        }} type="file" className="visually-hidden" onChange={onChange} disabled={busy} aria-label="Import a bundle folder" />
      </label>
      <span className="hint">or drop files or a bundle folder anywhere on this screen.</span>
      <details className="import-labels">
        <summary>Name what you import (optional)</summary>
        <p className="hint">For plain plan or manifest files, which name no vendor or release. Display labels only: the
          contract, policies, verify and the outbox keep using the vendor's changeset.yaml, and the digest never changes.</p>
        <LabelFields idPrefix="import-label" values={props.labels} onChange={props.onLabels} disabled={props.busy} />
        {problem && <p className="error-message" role="alert">{problem}</p>}
      </details>
    </div>
  );
}

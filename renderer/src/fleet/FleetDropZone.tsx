/**
 * One side of the Fleet preview's input: a drop area with file and folder pickers, saying what
 * is there now. Dropping or picking again replaces the side's files.
 */
import { useState } from 'react';
import type { ChangeEvent, DragEvent } from 'react';
import type { PickedFile } from '../inbox/read-files';
import { pickedFromDrop, pickedFromInput } from '../inbox/read-files';
import { visibleName } from '../sign/format';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

/** What a side holds, in a few words: the dropped folder, or the first file and how many more. */
export function pickedSummary(picked: readonly PickedFile[]): string {
  if (picked.length === 0) return '';
  const folders = new Set(picked.map((p) => (p.path.includes('/') ? p.path.slice(0, p.path.indexOf('/')) : '')));
  const first = picked[0]!.path;
  if (folders.size === 1 && !folders.has('')) return `${visibleName([...folders][0]!)}/ (${picked.length} file${picked.length === 1 ? '' : 's'})`;
  return picked.length === 1 ? visibleName(first) : `${visibleName(first)} + ${picked.length - 1} more`;
}

export function FleetDropZone(props: {
  readonly id: string;
  readonly title: string;
  readonly hint: string;
  readonly picked: readonly PickedFile[];
  readonly disabled: boolean;
  readonly onPicked: (picked: PickedFile[]) => void;
}) {
  const [over, setOver] = useState(false);
  const { onPicked, disabled } = props;
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const picked = pickedFromInput(e.target.files);
    // Cleared so picking the same files again (after fixing one) fires change again.
    e.target.value = '';
    if (picked.length > 0) onPicked(picked);
  };
  const onDrop = (e: DragEvent<HTMLElement>) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    if (disabled) return;
    void pickedFromDrop(e.dataTransfer).then((picked) => {
      if (picked.length > 0) onPicked(picked);
    }, (err: unknown) => console.error(err));
  };
  const summary = pickedSummary(props.picked);
  return (
    <section
      className={`fleet-drop${over ? ' over' : ''}${summary ? ' filled' : ''}`}
      aria-labelledby={`${props.id}-title`}
      data-testid={`${props.id}-drop`}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={onDrop}
    >
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <p className="hint">{props.hint}</p>
      <div className="fleet-pickers">
        <label className={`file-button${disabled ? ' disabled' : ''}`}>
          Choose files…
          <input type="file" multiple className="visually-hidden" onChange={onChange} disabled={disabled} aria-label={`${props.title}: choose files`} />
        </label>
        <label className={`file-button${disabled ? ' disabled' : ''}`}>
          Choose folder…
          <input ref={(el) => el?.setAttribute('webkitdirectory', '')} type="file" className="visually-hidden" onChange={onChange} disabled={disabled}
            aria-label={`${props.title}: choose a folder`} />
        </label>
        <span className="hint">or drop them here.</span>
      </div>
      <p className="fleet-picked" aria-live="polite">{summary ? <>Selected: <strong>{summary}</strong></> : 'Nothing selected yet.'}</p>
    </section>
  );
}

/**
 * Edits a change set's display labels from the review header (issue 11). Only fields its
 * changeset.yaml leaves empty can be labelled; saving is audited and changes nothing the
 * contract, verify or the outbox read.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ChangeSetDisplayDto, LabelFieldDto } from '../../../electron/shared/api-types';
import { api, unwrap } from '../api/client';
import { ErrorBox } from '../components/ErrorBox';
import { LabelFields, labelsProblem } from '../inbox/LabelFields';
import type { LabelValues } from '../inbox/LabelFields';

export function LabelEditor(props: { readonly digest: string; readonly display: ChangeSetDisplayDto; readonly onClose: () => void }) {
  const { display } = props;
  const client = useQueryClient();
  const [values, setValues] = useState<LabelValues>(display.labels);
  const stated: Partial<Record<LabelFieldDto, string>> = {};
  for (const f of ['vendor', 'app', 'install', 'release'] as const) if (!display.editable.includes(f)) stated[f] = display[f];
  const save = useMutation({
    mutationFn: () => {
      const labels: Partial<Record<LabelFieldDto, string>> = {};
      for (const f of display.editable) labels[f] = values[f];
      return unwrap(api.setChangeSetLabels({ digest: props.digest, labels }));
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['getChangeSet', props.digest] });
      void client.invalidateQueries({ queryKey: ['listInbox'] });
      props.onClose();
    },
  });
  const problem = labelsProblem(values);
  return (
    <form className="label-editor" aria-label="Display labels" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <p className="hint">Names shown for this change set where its files name nothing. Display only (audited): the contract that
        judges it, its policies, verify and the outbox keep using the vendor's changeset.yaml, and the digest never changes.</p>
      <LabelFields idPrefix="edit-label" values={values} onChange={setValues} stated={stated} disabled={save.isPending} />
      {problem && <p className="error-message" role="alert">{problem}</p>}
      <div className="label-editor-actions">
        <button type="submit" disabled={save.isPending || problem !== null || display.editable.length === 0}>Save labels</button>
        <button type="button" onClick={props.onClose}>Cancel</button>
      </div>
      {save.error && <ErrorBox title="Labels not saved" error={save.error} onDismiss={() => save.reset()} />}
    </form>
  );
}

/**
 * The inbox: pending vendor change sets grouped by vendor/install, and every way to import
 * one (dialog, file/folder pickers, drag-and-drop anywhere here). A failed import shows what
 * was wrong (file and line) and leaves the list exactly as it was.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { hrefOf } from '../router';
import { EmptyState } from '../components/EmptyState';
import { ErrorBox } from '../components/ErrorBox';
import { ImportControls } from '../inbox/ImportControls';
import { PeriodReport } from '../reports/PeriodReport';
import { ImportProgress } from '../inbox/ImportProgress';
import { InboxGroups } from '../inbox/InboxGroups';
import { pickedFromDrop } from '../inbox/read-files';
import { useImport } from '../inbox/use-import';
import { useInboxEvents } from '../inbox/use-inbox-events';
import { EMPTY_LABELS, filledLabels } from '../inbox/LabelFields';
import type { LabelValues } from '../inbox/LabelFields';
import { WatchProblems } from '../inbox/WatchProblems';
import '../inbox/inbox.css';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

export function InboxScreen() {
  const inbox = useQuery({ queryKey: ['listInbox'], queryFn: () => unwrap(api.listInbox({})) });
  const info = useQuery({ queryKey: ['appInfo'], queryFn: () => unwrap(api.appInfo({})), staleTime: Infinity });
  const client = useQueryClient();
  const [labels, setLabels] = useState<LabelValues>(EMPTY_LABELS);
  const [labelError, setLabelError] = useState<{ readonly digest: string; readonly error: unknown } | null>(null);
  // Read when an import finishes (the callback is made once, the labels change as the user types).
  const labelsNow = useRef(labels);
  labelsNow.current = labels;
  const { state, busy, importPicked, importWithDialog, dismiss } = useImport({
    onImported: async (digest) => {
      // Display labels typed before the import (issue 11): set on the new change set; if refused, stay here and say why.
      const wanted = filledLabels(labelsNow.current);
      if (Object.keys(wanted).length === 0) return true;
      const r = await api.setChangeSetLabels({ digest, labels: wanted });
      if (!r.ok) {
        setLabelError({ digest, error: ApiError.of(r) });
        return false;
      }
      setLabels(EMPTY_LABELS);
      return true;
    },
  });
  const [dragging, setDragging] = useState(false);
  useInboxEvents();

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    setDragging(false);
    if (busy) return;
    void pickedFromDrop(e.dataTransfer).then(importPicked, (err: unknown) => console.error(err));
  };

  return (
    <div
      className="inbox-screen"
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = busy ? 'none' : 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target || !e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <h1>Inbox</h1>
      <ImportControls native={info.data?.mode === 'electron'} busy={busy} onPicked={(p) => void importPicked(p)} onDialog={() => void importWithDialog()}
        labels={labels} onLabels={setLabels} />
      <PeriodReport />
      {info.data?.watchDir && <p className="watch-note">Files saved to <code>{info.data.watchDir}</code> are imported automatically and appear here.</p>}
      <WatchProblems problems={info.data?.watchProblems ?? []} onDismissed={() => void client.invalidateQueries({ queryKey: ['appInfo'] })} />
      {labelError && (
        <ErrorBox title="Imported, but the labels were not applied" error={labelError.error} onDismiss={() => setLabelError(null)}>
          <p className="hint"><a href={hrefOf({ screen: 'review', digest: labelError.digest })}>Open the review</a> (its header can edit the labels).</p>
        </ErrorBox>
      )}
      <ImportProgress state={state} />
      {state.phase === 'failed' && (
        <ErrorBox title={`Could not import ${state.names}; the inbox is unchanged`} error={state.error} onDismiss={dismiss}>
          <p className="hint">Fix the file (or ask the vendor for a new bundle) and import it again.</p>
        </ErrorBox>
      )}
      {inbox.isPending && <p role="status" className="hint">Loading the inbox…</p>}
      {inbox.isError && <ErrorBox title="Cannot load the inbox" error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.data && (inbox.data.total === 0 ? (
        <EmptyState title="No change sets to review">
          Import a vendor's change set: a bundle folder or archive (with its changeset.yaml), or a Terraform plan JSON / Kubernetes manifests.
          Use the buttons above or drop the files here.
        </EmptyState>
      ) : (
        <InboxGroups groups={inbox.data.groups} warnings={inbox.data.expiryWarnings ?? []} warningDays={inbox.data.expiryWarningDays ?? 7} />
      ))}
      {dragging && <div className="drop-overlay" aria-hidden="true">Drop to import</div>}
    </div>
  );
}

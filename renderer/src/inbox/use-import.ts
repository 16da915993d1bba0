/**
 * One import at a time, with its progress: sending the files to the host (browser mode), then
 * the core loading and evaluating them. On success every cached query is refreshed (the inbox, the
 * contract's affected counts) and the new change set opens (a signing request's too: its review
 * says what awaits your signature); signed files from co-reviewers leave a notice saying what
 * was recorded ("1 signature recorded: exception … now 2 of 2"). On failure nothing changes.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { ApiResult, ImportResult } from '../../../electron/shared/api-types';
import { api, ApiError } from '../api/client';
import { navigate } from '../router';
import type { PickedFile } from './read-files';
import { importPickedFiles, uploadsFiles } from './send-files';

export type ImportState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'reading'; readonly loaded: number; readonly total: number; readonly files: number }
  | { readonly phase: 'evaluating'; readonly total: number; readonly files: number; readonly startedAt: number }
  | { readonly phase: 'failed'; readonly error: unknown; readonly names: string }
  | { readonly phase: 'recorded'; readonly summary: string; readonly digest: string | null; readonly names: string };

const IDLE: ImportState = { phase: 'idle' };

export interface ImportOptions {
  /** Issue 11: runs after a change set is imported, before its review opens (false: stay on the inbox). */
  readonly onImported?: (digest: string) => Promise<boolean>;
}

export function useImport(options: ImportOptions = {}) {
  const client = useQueryClient();
  const [state, setState] = useState<ImportState>(IDLE);
  const onImported = useRef(options.onImported);
  onImported.current = options.onImported;

  const finish = useCallback(async (r: ApiResult<ImportResult | null>, names: string) => {
    if (!r.ok) {
      setState({ phase: 'failed', error: ApiError.of(r), names });
      return;
    }
    if (r.value === null) {
      setState(IDLE); // dialog cancelled
      return;
    }
    if (r.value.kind === 'attestations') {
      setState({ phase: 'recorded', summary: r.value.summary, digest: r.value.digest, names });
      void client.invalidateQueries();
      return;
    }
    const open = onImported.current ? await onImported.current(r.value.digest) : true;
    setState(IDLE);
    // Open the review at once. The inbox and the other cached views are marked stale and refetch
    // when shown again: refetched now, the inbox (still mounted until the route changes) would
    // be answered before the review's first rows.
    if (open) {
      navigate({ screen: 'review', digest: r.value.digest });
      void client.invalidateQueries({ refetchType: 'none' });
    } else void client.invalidateQueries();
  }, [client]);

  const importPicked = useCallback(async (picked: readonly PickedFile[]) => {
    if (picked.length === 0) return;
    const names = picked.length === 1 ? picked[0]!.path : `${picked.length} files`;
    const total = picked.reduce((n, p) => n + p.file.size, 0);
    try {
      const evaluating = () => {
        // A mark for the UI benchmark: where sending the files ends and the core's work begins.
        performance.mark('countersign:files-read');
        setState({ phase: 'evaluating', total, files: picked.length, startedAt: Date.now() });
      };
      if (uploadsFiles()) setState({ phase: 'reading', loaded: 0, total, files: picked.length });
      else evaluating();
      const r = await importPickedFiles(picked, (loaded) => setState({ phase: 'reading', loaded, total, files: picked.length }), evaluating);
      await finish(r, names);
    } catch (err) {
      setState({ phase: 'failed', error: err, names });
    }
  }, [finish]);

  const importWithDialog = useCallback(async () => {
    setState({ phase: 'evaluating', total: 0, files: 0, startedAt: Date.now() });
    await finish(await api.importWithDialog({}), 'the chosen files');
  }, [finish]);

  const dismiss = useCallback(() => setState(IDLE), []);
  const busy = state.phase === 'reading' || state.phase === 'evaluating';
  return { state, busy, importPicked, importWithDialog, dismiss };
}

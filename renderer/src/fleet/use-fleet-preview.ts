/**
 * Runs one Fleet preview at a time: browser mode sends every dropped file's raw bytes to the
 * host (PUT /upload) and previews the uploads; the desktop app hands the File objects to the
 * preload, which previews them by their paths. A newer run replaces an older one's answer.
 */
import { useCallback, useRef, useState } from 'react';
import type { ApiResult, FleetPreviewDto } from '../../../electron/shared/api-types';
import { api, ApiError, localFiles, uploadFile } from '../api/client';
import type { PickedFile } from '../inbox/read-files';
import { uploadAll } from '../inbox/read-files';

export type FleetTrustChoice = 'own-roster' | 'workspace';

export type FleetRunState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'sending'; readonly sent: number; readonly total: number }
  | { readonly phase: 'evaluating'; readonly contracts: number }
  | { readonly phase: 'failed'; readonly error: unknown }
  | { readonly phase: 'done'; readonly preview: FleetPreviewDto };

async function runPreview(
  release: readonly PickedFile[], contracts: readonly PickedFile[], trust: FleetTrustChoice,
  onProgress: (sent: number, total: number) => void, onSent: () => void,
): Promise<ApiResult<FleetPreviewDto>> {
  if (localFiles) {
    onSent();
    return localFiles.fleetPreview(release.map((p) => p.file), contracts.map((p) => p.file), trust);
  }
  const releaseBytes = release.reduce((n, p) => n + p.file.size, 0);
  const total = releaseBytes + contracts.reduce((n, p) => n + p.file.size, 0);
  const sentRelease = await uploadAll(release, uploadFile, (sent) => onProgress(sent, total));
  if (!sentRelease.ok) return sentRelease;
  const sentContracts = await uploadAll(contracts, uploadFile, (sent) => onProgress(releaseBytes + sent, total));
  if (!sentContracts.ok) return sentContracts;
  onSent();
  return api.fleetPreviewUploads({ release: sentRelease.value, contracts: sentContracts.value, trust });
}

export function useFleetPreview() {
  const [state, setState] = useState<FleetRunState>({ phase: 'idle' });
  const run = useRef(0);
  const start = useCallback(async (release: readonly PickedFile[], contracts: readonly PickedFile[], trust: FleetTrustChoice) => {
    const mine = ++run.current;
    const update = (s: FleetRunState) => {
      if (run.current === mine) setState(s);
    };
    try {
      update({ phase: 'sending', sent: 0, total: 1 });
      const r = await runPreview(release, contracts, trust, (sent, total) => update({ phase: 'sending', sent, total }), () => update({ phase: 'evaluating', contracts: contracts.length }));
      update(r.ok ? { phase: 'done', preview: r.value } : { phase: 'failed', error: ApiError.of(r) });
    } catch (err) {
      update({ phase: 'failed', error: err });
    }
  }, []);
  const busy = state.phase === 'sending' || state.phase === 'evaluating';
  return { state, busy, start };
}

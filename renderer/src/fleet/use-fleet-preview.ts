/**
 * Runs one Fleet preview at a time: browser mode sends every dropped file's raw bytes to the
 * host (PUT /upload) and previews the uploads; the desktop app hands the File objects to the
 * preload, which previews them by their paths. A newer run replaces an older one's answer.
 * The inputs and the last answer live here while the app runs (never stored): leaving the
 * screen (say, to trust a customer's owner key) and coming back keeps them.
 */
import { useSyncExternalStore } from 'react';
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

export interface FleetSession {
  readonly release: readonly PickedFile[];
  readonly contracts: readonly PickedFile[];
  readonly trust: FleetTrustChoice;
  readonly state: FleetRunState;
}

let session: FleetSession = { release: [], contracts: [], trust: 'own-roster', state: { phase: 'idle' } };
let runs = 0;
const listeners = new Set<() => void>();

function update(patch: Partial<FleetSession>): void {
  session = { ...session, ...patch };
  for (const l of listeners) l();
}

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

/** Sets the inputs; runs as soon as both sides hold files, and again whenever an input changes. */
async function choose(patch: Partial<Pick<FleetSession, 'release' | 'contracts' | 'trust'>>): Promise<void> {
  update(patch);
  const { release, contracts, trust } = session;
  if (release.length === 0 || contracts.length === 0) return;
  const mine = ++runs;
  const set = (state: FleetRunState) => {
    if (runs === mine) update({ state });
  };
  try {
    set({ phase: 'sending', sent: 0, total: 1 });
    const r = await runPreview(release, contracts, trust, (sent, total) => set({ phase: 'sending', sent, total }), () => set({ phase: 'evaluating', contracts: contracts.length }));
    set(r.ok ? { phase: 'done', preview: r.value } : { phase: 'failed', error: ApiError.of(r) });
  } catch (err) {
    set({ phase: 'failed', error: err });
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function useFleetPreview() {
  const now = useSyncExternalStore(subscribe, () => session);
  const busy = now.state.phase === 'sending' || now.state.phase === 'evaluating';
  return { ...now, busy, choose: (patch: Partial<Pick<FleetSession, 'release' | 'contracts' | 'trust'>>) => void choose(patch) };
}

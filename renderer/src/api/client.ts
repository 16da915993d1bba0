/**
 * The renderer's one way to the core: the typed API object. In Electron the preload exposes
 * it as `window.countersign` (IPC); in browser mode we build the same object over loopback
 * HTTP with the per-launch token. Screens never know which transport they use.
 */
import { API_METHODS } from '../../../electron/shared/api-contract';
import type { CountersignApi, ApiMethod } from '../../../electron/shared/api-contract';
import type { ApiResult, FleetPreviewDto, ImportResult } from '../../../electron/shared/api-types';

/** Electron's preload: imports dropped or picked File objects by their paths (the page never names a path itself). */
export interface LocalFilesApi {
  importFiles(files: readonly File[]): Promise<ApiResult<ImportResult>>;
  /** Issue 13: the Fleet preview of a dropped release against dropped contracts. */
  fleetPreview(release: readonly File[], contracts: readonly File[], trust?: 'own-roster' | 'workspace'): Promise<ApiResult<FleetPreviewDto>>;
}

declare global {
  interface Window {
    readonly countersign?: CountersignApi;
    readonly countersignFiles?: LocalFilesApi;
  }
}

const TOKEN_KEY = 'countersign.token';

/** The browser host opens the app at `/#token=…`; keep it for reloads, then clear the URL. */
function takeToken(): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** Browser mode's access token (read once, when the API object is built). */
let token = '';

function httpApi(): CountersignApi {
  token = takeToken();
  const call = async (method: ApiMethod, input: unknown): Promise<ApiResult<unknown>> => {
    try {
      const res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
      const body = (await res.json()) as ApiResult<unknown>;
      return body;
    } catch (err) {
      return { ok: false, code: 'internal', message: `the Countersign host is not reachable (${String(err)})` };
    }
  };
  const api: Record<string, (input: unknown) => Promise<ApiResult<unknown>>> = {};
  for (const m of API_METHODS) api[m] = (input) => call(m, input);
  return Object.freeze(api) as unknown as CountersignApi;
}

export const api: CountersignApi = window.countersign ?? httpApi();

/** Electron: the preload's import of dropped files by path; null in browser mode (files are uploaded there). */
export const localFiles: LocalFilesApi | null = window.countersignFiles ?? null;

/**
 * Browser mode: streams one file's raw bytes to the host (PUT /upload with the token; no
 * base64, no JSON), reporting bytes sent. Answers the upload id importUploads takes.
 */
export function uploadFile(file: Blob, onProgress: (sent: number) => void): Promise<ApiResult<{ readonly upload: string; readonly bytes: number }>> {
  return new Promise((resolve) => {
    // XMLHttpRequest, not fetch: it reports upload progress, and sends the Blob from disk as it reads it.
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', '/upload');
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      const body = xhr.response as ApiResult<{ upload: string; bytes: number }> | null;
      resolve(body ?? { ok: false, code: 'internal', message: `the upload failed (HTTP ${xhr.status})` });
    };
    xhr.onerror = () => resolve({ ok: false, code: 'internal', message: 'the Countersign host is not reachable (the upload failed)' });
    xhr.send(file);
  });
}

export { ApiError, unwrap } from './api-error';

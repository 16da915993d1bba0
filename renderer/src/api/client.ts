/**
 * The renderer's one way to the core: the typed API object. In Electron the preload exposes
 * it as `window.countersign` (IPC); in browser mode we build the same object over loopback
 * HTTP with the per-launch token. Screens never know which transport they use.
 */
import { API_METHODS } from '../../../electron/shared/api-contract';
import type { CountersignApi, ApiMethod } from '../../../electron/shared/api-contract';
import type { ApiResult } from '../../../electron/shared/api-types';

declare global {
  interface Window {
    readonly countersign?: CountersignApi;
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

function httpApi(): CountersignApi {
  const token = takeToken();
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

export { ApiError, unwrap } from './api-error';

import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { API_METHODS, ipcChannel } from '../shared/api-contract';
import type { ApiResult } from '../shared/api-types';
import { callApi } from '../host/api-handlers';
import type { ApiHandlers } from '../host/api-handlers';
import { APP_ORIGIN } from './app-protocol';

/**
 * One IPC handler per API method (no generic channel). Each call must come from the main
 * window's own top frame on app://countersign; its input is validated against the contract
 * by callApi, and every outcome is a value.
 */
export function registerApiIpc(handlers: ApiHandlers, window: () => BrowserWindow | null): void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event, input: unknown): Promise<ApiResult<unknown>> => {
      if (!isAppFrame(event, window())) return { ok: false, code: 'forbidden', message: `${method}: refused: the call did not come from the app's own window` };
      return callApi(handlers, method, input);
    });
  }
}

function isAppFrame(event: IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  if (!win || !frame || event.sender !== win.webContents || frame !== event.sender.mainFrame) return false;
  try {
    // WHATWG URL gives custom schemes the opaque origin 'null': compare scheme and host instead.
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

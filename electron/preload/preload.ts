// The renderer's only door to the app: one frozen object with one function per API method,
// each invoking that method's own IPC channel. No generic invoke(channel), no Node, no events.
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, ipcChannel } from '../shared/api-contract';

const api: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const method of API_METHODS) {
  const channel = ipcChannel(method);
  api[method] = (input: unknown) => ipcRenderer.invoke(channel, input ?? {});
}

contextBridge.exposeInMainWorld('countersign', Object.freeze(api));

// The renderer's only door to the app: one frozen object with one function per API method,
// each invoking that method's own IPC channel. No generic invoke(channel), no Node. One event:
// "the inbox changed" (issue 11), as `countersignEvents.onInboxChanged`, carrying only its kind.
// importLocalPaths and fleetPreviewLocalPaths are the exceptions: they are reached only through
// countersignFiles.importFiles / .fleetPreview, which take the paths from File objects the user
// dropped or picked (never from the page).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { API_METHODS, ipcChannel } from '../shared/api-contract';
import { INBOX_EVENT_CHANNEL } from '../shared/inbox-events';
import type { CountersignEvents, InboxChangeKind } from '../shared/inbox-events';
import { droppedPaths } from './dropped-paths';

const PATH_METHODS: ReadonlySet<string> = new Set(['importLocalPaths', 'fleetPreviewLocalPaths']);

const api: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const method of API_METHODS) {
  if (PATH_METHODS.has(method)) continue;
  const channel = ipcChannel(method);
  api[method] = (input: unknown) => ipcRenderer.invoke(channel, input ?? {});
}

const files = {
  /** Imports dropped or picked files and folders by their paths on this computer. */
  importFiles: async (picked: unknown): Promise<unknown> => {
    const r = droppedPaths(picked, (file) => webUtils.getPathForFile(file));
    if (!r.ok) return { ok: false, code: 'bad-request', message: r.message };
    return ipcRenderer.invoke(ipcChannel('importLocalPaths'), { paths: r.paths });
  },
  /** Issue 13: the Fleet preview of a dropped release against dropped contracts, by their paths. */
  fleetPreview: async (release: unknown, contracts: unknown, trust: unknown): Promise<unknown> => {
    const r = droppedPaths(release, (file) => webUtils.getPathForFile(file));
    if (!r.ok) return { ok: false, code: 'bad-request', message: `release: ${r.message}` };
    const c = droppedPaths(contracts, (file) => webUtils.getPathForFile(file));
    if (!c.ok) return { ok: false, code: 'bad-request', message: `contracts: ${c.message}` };
    // The trust choice is validated by main against the contract, like every input.
    return ipcRenderer.invoke(ipcChannel('fleetPreviewLocalPaths'), { release: r.paths, contracts: c.paths, ...(trust !== undefined ? { trust } : {}) });
  },
};

contextBridge.exposeInMainWorld('countersign', Object.freeze(api));

const KINDS: readonly InboxChangeKind[] = ['imported', 'failed', 'dismissed', 'labelled'];
const events: CountersignEvents = {
  onInboxChanged: (listener) => {
    const forward = (_event: unknown, change: unknown) => {
      if (typeof change === 'string' && (KINDS as readonly string[]).includes(change)) listener(change as InboxChangeKind);
    };
    ipcRenderer.on(INBOX_EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(INBOX_EVENT_CHANNEL, forward);
  },
};
contextBridge.exposeInMainWorld('countersignEvents', Object.freeze(events));
contextBridge.exposeInMainWorld('countersignFiles', Object.freeze(files));

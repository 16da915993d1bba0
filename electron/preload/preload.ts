// The renderer's only door to the app: one frozen object with one function per API method,
// each invoking that method's own IPC channel. No generic invoke(channel), no Node. One event:
// "the inbox changed" (issue 11), as `countersignEvents.onInboxChanged`, carrying only its kind.
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, ipcChannel } from '../shared/api-contract';
import { INBOX_EVENT_CHANNEL } from '../shared/inbox-events';
import type { CountersignEvents, InboxChangeKind } from '../shared/inbox-events';

const api: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const method of API_METHODS) {
  const channel = ipcChannel(method);
  api[method] = (input: unknown) => ipcRenderer.invoke(channel, input ?? {});
}

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

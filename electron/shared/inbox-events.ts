/**
 * The one event the Node side pushes to the renderer (issue 11): the inbox changed (the watched
 * folder imported or set aside a file, a notice was dismissed, labels were edited). Electron
 * sends it on INBOX_EVENT_CHANNEL and the preload exposes `window.countersignEvents`; the
 * browser host streams it as server-sent events on INBOX_EVENTS_PATH. It carries only the kind
 * of change: the screen rereads through the API.
 */
export const INBOX_EVENT_CHANNEL = 'countersign:inbox-changed';
export const INBOX_EVENTS_PATH = '/events/inbox';

export type InboxChangeKind = 'imported' | 'failed' | 'dismissed' | 'labelled';

export interface CountersignEvents {
  /** Calls `listener` on every inbox change until the returned function is called. */
  onInboxChanged(listener: (change: InboxChangeKind) => void): () => void;
}

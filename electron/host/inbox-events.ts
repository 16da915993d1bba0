/**
 * "The inbox changed" (issue 11): the watched folder imported or set aside a file, or a notice
 * was dismissed. Electron forwards it to the window (preload `onInboxChanged`), the browser host
 * as server-sent events; the screen then reloads the inbox. The event says only what kind of
 * change it was: the screen asks the API for the rest, with its usual checks.
 */
import type { InboxChangeKind } from '../shared/inbox-events';

export type InboxChange = InboxChangeKind;

export interface InboxEvents {
  emit(change: InboxChange): void;
  /** Calls `listener` on every change until the returned function is called. */
  subscribe(listener: (change: InboxChange) => void): () => void;
}

export function createInboxEvents(): InboxEvents {
  const listeners = new Set<(change: InboxChange) => void>();
  return {
    emit: (change) => {
      for (const l of [...listeners]) {
        try {
          l(change);
        } catch {
          // A listener that throws (a closed window, a dropped connection) must not stop the others or the watcher.
        }
      }
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

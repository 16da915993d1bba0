/**
 * Keeps the inbox on screen current (issue 11): what the watched folder imports or sets aside
 * shows without a reload. Electron pushes through the preload (`countersignEvents`); the browser
 * host streams server-sent events, opened with a single-use ticket from the API (EventSource
 * cannot send the token). Whenever no push channel is open, the inbox is polled instead.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { CountersignEvents } from '../../../electron/shared/inbox-events';
import { INBOX_EVENTS_PATH } from '../../../electron/shared/inbox-events';
import { api } from '../api/client';

declare global {
  interface Window {
    readonly countersignEvents?: CountersignEvents;
  }
}

/** Poll this often while no push channel is open. */
export const POLL_MS = 5_000;
/** Wait this long before opening a new stream after one failed. */
const REOPEN_MS = 3_000;

export function useInboxEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    const refresh = () => {
      void client.invalidateQueries({ queryKey: ['listInbox'] });
      void client.invalidateQueries({ queryKey: ['appInfo'] });
    };
    if (window.countersignEvents) return window.countersignEvents.onInboxChanged(refresh);

    let closed = false;
    let source: EventSource | null = null;
    let poll: ReturnType<typeof setInterval> | null = null;
    let reopen: ReturnType<typeof setTimeout> | null = null;
    const startPolling = () => {
      if (poll === null && !closed) poll = setInterval(refresh, POLL_MS);
    };
    const stopPolling = () => {
      if (poll !== null) clearInterval(poll);
      poll = null;
    };
    const open = async () => {
      if (closed || typeof EventSource === 'undefined') return startPolling();
      const r = await api.openInboxEvents({});
      if (closed) return;
      if (!r.ok) return startPolling();
      const es = new EventSource(`${INBOX_EVENTS_PATH}?ticket=${encodeURIComponent(r.value.ticket)}`);
      source = es;
      es.addEventListener('ready', () => {
        stopPolling();
        // Whatever changed while no channel was open.
        refresh();
      });
      es.addEventListener('inbox', refresh);
      es.onerror = () => {
        // The ticket is spent: a retry of the same URL is refused. Poll, and open a new stream shortly.
        es.close();
        if (source === es) source = null;
        startPolling();
        if (!closed && reopen === null) reopen = setTimeout(() => { reopen = null; void open(); }, REOPEN_MS);
      };
    };
    startPolling();
    void open();
    return () => {
      closed = true;
      stopPolling();
      if (reopen !== null) clearTimeout(reopen);
      source?.close();
    };
  }, [client]);
}

import { randomBytes } from 'node:crypto';

/** How long a ticket may wait before it is used to open the event stream. */
export const TICKET_TTL_MS = 30_000;
const MAX_OUTSTANDING = 64;

/**
 * Single-use, short-lived tickets for the browser host's event stream. EventSource cannot send
 * an Authorization header, and the launch token must not ride in a URL (URLs land in history,
 * logs and error reports): the renderer asks for a ticket through the token-checked API, then
 * opens `/events/inbox?ticket=…`. A ticket opens one stream, once, within TICKET_TTL_MS; it
 * grants nothing but "the inbox changed" notices.
 */
export class EventTickets {
  private readonly open = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(): { readonly ticket: string; readonly expiresInMs: number } {
    this.prune();
    // Bounded: a caller looping on the API cannot grow this without end (oldest dropped first).
    while (this.open.size >= MAX_OUTSTANDING) this.open.delete(this.open.keys().next().value!);
    const ticket = randomBytes(32).toString('base64url');
    this.open.set(ticket, this.now() + TICKET_TTL_MS);
    return { ticket, expiresInMs: TICKET_TTL_MS };
  }

  /** True once for a ticket issued less than TICKET_TTL_MS ago; it is spent either way. */
  redeem(ticket: string): boolean {
    this.prune();
    const until = this.open.get(ticket);
    this.open.delete(ticket);
    return until !== undefined && until > this.now();
  }

  private prune(): void {
    const now = this.now();
    for (const [t, until] of this.open) if (until <= now) this.open.delete(t);
  }
}

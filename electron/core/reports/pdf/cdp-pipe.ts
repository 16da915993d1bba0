import type { Readable, Writable } from 'node:stream';

/**
 * The Chrome DevTools Protocol over `--remote-debugging-pipe`: JSON messages ended by NUL,
 * written to the browser's fd 3 and read from its fd 4. No port is opened, so nothing else on
 * the machine can drive the browser.
 */
export class CdpPipe {
  private nextId = 1;
  private buffered = '';
  private readonly waiting = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void; method: string }>();
  private readonly listeners: ((method: string, params: Record<string, unknown>, sessionId: string | undefined) => void)[] = [];
  private closedWith: Error | null = null;

  constructor(private readonly out: Writable, input: Readable) {
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => this.receive(chunk));
    input.on('close', () => this.fail(new Error('the browser closed the DevTools pipe')));
    input.on('error', (err: Error) => this.fail(err));
    out.on('error', (err: Error) => this.fail(err));
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId !== undefined ? { sessionId } : {}) });
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, method });
      this.out.write(`${message}\0`);
    });
  }

  /** Every event the browser sends (Fetch.requestPaused…). */
  onEvent(listener: (method: string, params: Record<string, unknown>, sessionId: string | undefined) => void): void {
    this.listeners.push(listener);
  }

  fail(err: Error): void {
    if (this.closedWith) return;
    this.closedWith = err;
    for (const w of this.waiting.values()) w.reject(new Error(`${w.method}: ${err.message}`));
    this.waiting.clear();
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    let end: number;
    while ((end = this.buffered.indexOf('\0')) >= 0) {
      const text = this.buffered.slice(0, end);
      this.buffered = this.buffered.slice(end + 1);
      this.dispatch(text);
    }
  }

  private dispatch(text: string): void {
    let message: { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown>; error?: { message?: string }; sessionId?: string };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      this.fail(new Error('the browser sent a message that is not JSON'));
      return;
    }
    if (message.id !== undefined) {
      const w = this.waiting.get(message.id);
      if (!w) return;
      this.waiting.delete(message.id);
      if (message.error) w.reject(new Error(`${w.method}: ${message.error.message ?? 'failed'}`));
      else w.resolve(message.result ?? {});
      return;
    }
    if (message.method !== undefined) for (const l of this.listeners) l(message.method, message.params ?? {}, message.sessionId);
  }
}

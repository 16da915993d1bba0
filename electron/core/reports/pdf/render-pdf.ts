import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { UsageError } from '../../model/errors';
import { printable } from '../../model/printable-text';
import { CdpPipe } from './cdp-pipe';
import { findChromium } from './find-chromium';
import type { ChromiumSearch } from './find-chromium';

/*
 * An HTML document (the audit report) printed to PDF by a real renderer: headless Chromium driven
 * over the DevTools protocol on a pipe. The document is set as the page's content (it is never
 * fetched from anywhere) and every request the page would make (images, fonts, styles, frames,
 * prefetches) is failed before it leaves the browser: the PDF holds only what the HTML holds.
 */

/** Switches that keep the browser offline and quiet: no sandbox helper (containers), no GPU, no background fetches. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-default-apps', '--disable-extensions', '--disable-sync', '--no-first-run', '--no-default-browser-check',
  '--disable-domain-reliability', '--disable-breakpad', '--metrics-recording-only', '--mute-audio', '--hide-scrollbars',
  // Anything that slips past the request interception (the browser's own prefetches) resolves no
  // host and goes to a proxy that is not there, loopback included (`<-loopback>`).
  '--host-resolver-rules=MAP * ~NOTFOUND', '--proxy-server=http://0.0.0.0:9', '--proxy-bypass-list=<-loopback>',
  '--remote-debugging-pipe',
] as const;

export interface RenderPdfOptions extends ChromiumSearch {
  /** Give up after this long (default 60 s): a browser that hangs never hangs the CLI. */
  readonly timeoutMs?: number;
  /** Called with each URL the page tried to fetch (all are refused): tests count them. */
  readonly onBlockedRequest?: (url: string) => void;
}

/** The PDF of `html`, A4 with the document's own print CSS and backgrounds. */
export async function renderPdf(html: string, options: RenderPdfOptions = {}): Promise<Buffer> {
  const executable = findChromium(options);
  const profile = mkdtempSync(join(tmpdir(), 'countersign-chromium-'));
  const child = spawn(executable, [...CHROMIUM_ARGS, `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => { stderr = (stderr + s).slice(-2000); });
  const cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
  const name = printable(executable.slice(-200));
  let gone = false;
  const ended = new Promise<void>((resolve) => {
    const done = (): void => { gone = true; resolve(); };
    child.once('exit', done);
    child.once('error', done);
  });
  // 'close': exited and its output read to the end.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const exited = new Promise<never>((_resolve, reject) => {
    child.on('error', (err) => reject(new PdfRenderError(`cannot start ${name}: ${err.message}`)));
    child.on('close', (code, signal) => reject(new PdfRenderError(`${name} exited (${signal ?? code}) before the PDF was printed${lastLine(stderr)}`)));
  });
  exited.catch(() => undefined);
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new PdfRenderError(`${name} did not print the PDF within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  });
  try {
    return await Promise.race([print(cdp, html, options).catch(async (err: unknown) => {
      // A broken pipe usually means the browser died: say why it did (its last stderr line) when it has.
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000))]);
      if (child.exitCode !== null || child.signalCode !== null) throw new PdfRenderError(`${name} exited (${child.signalCode ?? child.exitCode}) before the PDF was printed${lastLine(stderr)}`);
      throw new PdfRenderError(`${name} could not print the PDF: ${err instanceof Error ? err.message : String(err)}`);
    }), exited, timedOut]);
  } finally {
    clearTimeout(timer);
    // Browser.close (sent after printing) lets the browser end its helper processes; killed if it does not within 3 s.
    cdp.send('Browser.close').catch(() => undefined);
    const grace = setTimeout(() => child.kill('SIGKILL'), 3000);
    if (!gone && child.pid !== undefined) await ended;
    clearTimeout(grace);
    cdp.fail(new Error('closed'));
    // A helper process may still be writing its profile for a moment: retry, and never fail a printed PDF over a temp folder.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch {
      // left in the temp folder
    }
  }
}

async function print(cdp: CdpPipe, html: string, options: RenderPdfOptions): Promise<Buffer> {
  const { targetInfos } = await cdp.send('Target.getTargets') as { targetInfos: { targetId: string; type: string }[] };
  const page = targetInfos.find((t) => t.type === 'page');
  const targetId = page?.targetId ?? (await cdp.send('Target.createTarget', { url: 'about:blank' }) as { targetId: string }).targetId;
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true }) as { sessionId: string };
  // Every request is paused and failed: the document comes from setDocumentContent, never from a URL.
  cdp.onEvent((method, params, from) => {
    if (method !== 'Fetch.requestPaused') return;
    const request = params.request as { url?: string } | undefined;
    options.onBlockedRequest?.(String(request?.url ?? ''));
    cdp.send('Fetch.failRequest', { requestId: params.requestId, errorReason: 'BlockedByClient' }, from).catch(() => undefined);
  });
  // On the browser (requests the browser makes itself: prefetches, workers) and on the page.
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] }, sessionId);
  await cdp.send('Page.enable', {}, sessionId);
  const { frameTree } = await cdp.send('Page.getFrameTree', {}, sessionId) as { frameTree: { frame: { id: string } } };
  await cdp.send('Page.setDocumentContent', { frameId: frameTree.frame.id, html }, sessionId);
  // Parsed to the end and laid out with its fonts before printing: a parser-blocking <script src> whose
  // fetch was refused still holds the parser for a moment (Chromium 150 printed an empty page).
  const loaded = "new Promise((done) => document.readyState === 'complete' ? done() : addEventListener('load', () => done(), { once: true }))";
  await cdp.send('Runtime.evaluate', { expression: `${loaded}.then(() => document.fonts.ready).then(() => document.readyState)`, awaitPromise: true }, sessionId);
  const { data } = await cdp.send('Page.printToPDF', {
    printBackground: true, preferCSSPageSize: true, paperWidth: 8.27, paperHeight: 11.69,
    marginTop: 0.4, marginBottom: 0.4, marginLeft: 0.4, marginRight: 0.4, displayHeaderFooter: false,
  }, sessionId) as { data: string };
  return Buffer.from(data, 'base64');
}

function lastLine(stderr: string): string {
  const line = stderr.trim().split('\n').at(-1)?.trim() ?? '';
  return line === '' ? '' : `: ${printable(line.slice(0, 300))}`;
}

/** The browser would not start, crashed, hung or refused to print: the user's environment, not a bug (exit 2, the reason said). */
export class PdfRenderError extends UsageError {
  override readonly name = 'UsageError';
}

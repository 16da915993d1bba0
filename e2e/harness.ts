/**
 * End-to-end harness: the browser-mode host as a child process on a temporary workspace (real
 * core, real SQLite file), and Chromium driven by playwright-core. No mocks anywhere.
 *
 *   const app = await startApp();                 // demo seeded, temp workspace
 *   const browser = await launchBrowser();
 *   const { page, consoleErrors } = await openApp(browser, app);
 *   await screenshot(page, 'inbox');
 *   const again = await app.restart();            // same workspace, new port and token
 *   await again.stop(); await browser.close();
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium, missingChromiumMessage } from '../build/chromium-path.mjs';
import type { Browser, Page } from 'playwright-core';
import type { ApiMethod, ApiInput, ApiOutput } from '../electron/shared/api-contract';
import type { ApiResult } from '../electron/shared/api-types';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');
const RENDERER_INDEX = join(ROOT, 'out', 'renderer', 'index.html');
const START_TIMEOUT_MS = 90_000;

export interface StartAppOptions {
  /** The workspace folder (default: a new temporary folder). */
  readonly workspace?: string;
  /** Seed a new workspace with the demo contract and the three demo change sets (default true). */
  readonly seedDemo?: boolean;
  /** Watch <workspace>/inbox (default false in tests: imports happen only when a test asks). */
  readonly watch?: boolean;
  /** How long an inbox file must stay unchanged before the watcher reads it (host default 700 ms). */
  readonly watchSettleMs?: number;
}

export interface RunningApp {
  /** The URL to open, with `#token=…`. */
  readonly url: string;
  readonly token: string;
  /** http://127.0.0.1:<port>/ */
  readonly baseUrl: string;
  readonly port: number;
  readonly workspace: string;
  /** Everything the host printed so far (stdout and stderr). */
  output(): string;
  /** Calls an API method over HTTP with this launch's token. */
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult<ApiOutput<M>>>;
  stop(): Promise<void>;
  /** Stops this host and starts a new one on the same workspace (new port and token). */
  restart(): Promise<RunningApp>;
}

/** Starts `electron/host/serve.ts` (through tsx, so the current sources run) and waits for its URL. */
export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  ensureRendererBuilt();
  const workspace = options.workspace ?? mkdtempSync(join(tmpdir(), 'countersign-e2e-'));
  const args = ['--import', 'tsx', join(ROOT, 'electron', 'host', 'serve.ts'), '--workspace', workspace];
  if (options.seedDemo === false) args.push('--no-seed');
  if (options.watch !== true) args.push('--no-watch');
  if (options.watchSettleMs !== undefined) args.push('--watch-settle-ms', String(options.watchSettleMs));
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, COUNTERSIGN_WORKSPACE: '' } });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host did not start within ${START_TIMEOUT_MS / 1000}s:\n${out}`)), START_TIMEOUT_MS);
    const look = (): void => {
      const m = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the host exited (${code}) before it started:\n${out}`));
    });
  });
  const baseUrl = url.slice(0, url.indexOf('#'));
  const token = url.slice(url.indexOf('#token=') + '#token='.length);
  const app: RunningApp = {
    url, token, baseUrl, port: Number(new URL(baseUrl).port), workspace,
    output: () => out,
    call: async (method, input) => {
      const res = await fetch(`${baseUrl}api/${method}`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(input),
      });
      return (await res.json()) as never;
    },
    stop: () => stopChild(child),
    restart: async () => {
      await stopChild(child);
      return startApp({ ...options, workspace });
    },
  };
  return app;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Headless Chromium from the system (/usr/bin/chromium); never downloads a browser. */
export function launchBrowser(options: { readonly headless?: boolean } = {}): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(missingChromiumMessage());
  return chromium.launch({
    executablePath,
    headless: options.headless ?? true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
  });
}

/** A new page on the app's URL; console errors and page errors are collected for the test to assert on. */
export async function openApp(browser: Browser, app: Pick<RunningApp, 'url'>, options: { readonly viewport?: { width: number; height: number } } = {}): Promise<{ page: Page; consoleErrors: string[] }> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 }, colorScheme: 'light' });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  // Console lines about failed loads do not say which URL: name it.
  page.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  await page.goto(app.url);
  return { page, consoleErrors };
}

/** Saves a full-page screenshot as a test artifact: test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Builds the renderer when out/renderer is missing or older than a renderer source (or when
 * COUNTERSIGN_E2E_BUILD=1), once for all e2e files: a lock folder keeps parallel test files
 * from building into the same folder at the same time.
 */
export function ensureRendererBuilt(): void {
  const lock = join(ROOT, 'out', '.renderer-build.lock');
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    if (!needsBuild()) return;
    try {
      mkdirSync(lock);
    } catch {
      if (waited > 180_000) throw new Error(`${lock} is held for over 3 minutes; remove it if no build is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      continue;
    }
    try {
      if (!needsBuild()) return;
      const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'build/vite.renderer.config.ts', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`the renderer build failed:\n${r.stdout}\n${r.stderr}`);
      process.env.COUNTERSIGN_E2E_BUILD = '';
      return;
    } finally {
      rmdirSync(lock);
    }
  }
}

function needsBuild(): boolean {
  if (process.env.COUNTERSIGN_E2E_BUILD === '1' || !existsSync(RENDERER_INDEX)) return true;
  const built = statSync(RENDERER_INDEX).mtimeMs;
  return newestMtime(join(ROOT, 'renderer')) > built || newestMtime(join(ROOT, 'electron', 'shared')) > built;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

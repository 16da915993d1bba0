// UI benchmark (`npm run bench` runs it): through Playwright and real Chromium against the
// browser-mode host (real core, real SQLite file in a temp workspace), for a ~15k-resource
// Terraform plan and a 50-resource one generated from the corpus' real resource shapes:
//   1. import → scrollable review: from the file input's change event to the Review screen
//      showing its first resource rows in a list that can scroll (timed in the page), with
//      where the time went (reading the file, the import request = load + evaluate + store,
//      the getChangeSet / listResources / listFindings requests and their payloads);
//   2. scrolling the resource list for a few seconds: frames longer than 50 ms
//      (requestAnimationFrame deltas) and long tasks (PerformanceObserver).
// Figures are printed, never asserted. Target: < 1 s for the large one.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { corpusDir, generateTerraformPlan } from './generate-inputs.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SIZES = [50, 15000];
const SCROLL_MS = 3000;

// The e2e harness (TypeScript) starts the host and Chromium: the same setup the UI tests use.
register();
const { launchBrowser, startApp } = await import('../../e2e/harness.ts');

// Measure the production bundle: force a build without the test runner's NODE_ENV=test
// (which would give React's development build, several times slower).
process.env.NODE_ENV = 'production';
process.env.COUNTERSIGN_E2E_BUILD = '1';

const fmt = (ms) => `${ms.toFixed(0)} ms`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const line = (label, value, note = '') => console.log(`  ${label.padEnd(46)} ${String(value).padStart(12)}  ${note}`);

const dir = mkdtempSync(join(tmpdir(), 'countersign-bench-ui-'));
const app = await startApp({ seedDemo: false });
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(300_000);
  await page.goto(app.url);
  console.log(`\nUI (Chromium ${browser.version()}, browser-mode host, production renderer)`);

  for (const size of SIZES) {
    const file = join(dir, `plan-${size}.json`);
    writeFileSync(file, generateTerraformPlan(corpusDir(root), size));
    const requests = new Map();
    const onFinished = async (req) => {
      const m = /\/api\/(\w+)$/.exec(req.url());
      if (!m) return;
      const res = await req.response();
      const body = res ? await res.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
      const t = req.timing();
      requests.set(m[1], { ms: t.responseEnd, bytes: body.length, upload: req.postDataBuffer()?.length ?? 0 });
    };
    page.on('requestfinished', onFinished);

    await page.evaluate(() => { window.location.hash = '#/inbox'; });
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    // The clock starts when the page sees the file (the change event), not while Playwright uploads it.
    await page.evaluate(() => {
      window.__bench = { start: 0, evaluating: 0 };
      document.addEventListener('change', () => { window.__bench.start = performance.now(); }, { capture: true, once: true });
    });
    await page.getByLabel(/^Import files/).setInputFiles(file);
    const wall = Date.now();
    const ready = await page.waitForFunction(() => {
      const list = document.querySelector('[role=listbox][aria-label=Resources]');
      const rows = list?.querySelectorAll('[role=option]').length ?? 0;
      return rows > 0 && list.scrollHeight > list.clientHeight ? performance.now() : false;
    }, undefined, { polling: 'raf' });
    const readyAt = await ready.jsonValue();
    const { start } = await page.evaluate(() => window.__bench);
    const readAt = await page.evaluate(() => performance.getEntriesByName('countersign:files-read').at(-1)?.startTime ?? 0);
    await page.evaluate(() => performance.clearMarks());
    const wallMs = Date.now() - wall;
    const rows = await page.locator('[role=listbox][aria-label=Resources] [role=option]').count();
    await page.waitForTimeout(1000); // let findings and the Sign panel settle before scrolling
    page.off('requestfinished', onFinished);

    const scroll = await page.evaluate(async (duration) => {
      const list = document.querySelector('[role=listbox][aria-label=Resources]');
      const longTasks = [];
      let observer = null;
      try {
        observer = new PerformanceObserver((l) => { for (const e of l.getEntries()) longTasks.push(e.duration); });
        observer.observe({ type: 'longtask' });
      } catch { /* longtask unsupported: rAF deltas still measure it */ }
      const deltas = [];
      const step = Math.max(120, list.scrollHeight / 400);
      await new Promise((resolve) => {
        const t0 = performance.now();
        let last = t0;
        const frame = (now) => {
          deltas.push(now - last);
          last = now;
          list.scrollTop = list.scrollTop + step >= list.scrollHeight - list.clientHeight ? 0 : list.scrollTop + step;
          if (now - t0 < duration) requestAnimationFrame(frame);
          else resolve();
        };
        requestAnimationFrame(frame);
      });
      observer?.disconnect();
      deltas.shift();
      const sorted = [...deltas].sort((a, b) => a - b);
      return {
        frames: deltas.length,
        long: deltas.filter((d) => d > 50).length,
        max: sorted[sorted.length - 1] ?? 0,
        p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
        longTasks: longTasks.length,
        longTaskMax: Math.max(0, ...longTasks),
      };
    }, SCROLL_MS);

    const r = (name) => requests.get(name);
    console.log(`\n  ${size} resources (plan ${mb(statSync(file).size)})`);
    line('import → scrollable review', fmt(readyAt - start), size >= 10000 ? 'target < 1000 ms' : '');
    line('  reading the file in the page (base64)', fmt(readAt - start));
    line('  (Playwright upload + all, wall clock)', fmt(wallMs), 'not part of the figure');
    if (r('importFiles')) line('  importFiles (upload, load, evaluate, store)', fmt(r('importFiles').ms), `upload ${mb(r('importFiles').upload)}`);
    for (const m of ['getChangeSet', 'listResources', 'listFindings']) {
      if (r(m)) line(`  ${m}`, fmt(r(m).ms), `payload ${mb(r(m).bytes)}`);
    }
    line('rows in the DOM (virtualized)', rows);
    line(`scroll ${SCROLL_MS / 1000} s: frames`, scroll.frames, `p95 ${scroll.p95.toFixed(1)} ms, max ${scroll.max.toFixed(1)} ms`);
    line('  frames > 50 ms', scroll.long, 'target 0');
    line('  long tasks (> 50 ms)', scroll.longTasks, scroll.longTasks ? `max ${scroll.longTaskMax.toFixed(0)} ms` : '');
  }
} finally {
  await browser.close();
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(app.workspace, { recursive: true, force: true });
}

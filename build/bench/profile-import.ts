// One browser-mode import of the bench plan in this process (no HTTP, no browser), then the
// review's first calls in its order, timed; meant to run under the profiler:
//   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof build/bench/profile-import.ts
// and, reopened on the same workspace in a new process (a host restart):
//   node --import tsx build/bench/profile-import.ts --reopen DIR   (DIR printed by the first run with --keep)
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PerformanceObserver } from 'node:perf_hooks';
import { callApi, createApiHandlers } from '../../electron/host/api-handlers';
import { openAppContext } from '../../electron/host/app-context';
import { uploadStoreFor } from '../../electron/host/upload-store';

const { values: args } = parseArgs({ options: { keep: { type: 'boolean' }, reopen: { type: 'string' } } });
const planFile = join(fileURLToPath(new URL('../..', import.meta.url)), '.bench-data', 'large-plan.json');
if (!existsSync(planFile)) {
  console.error('no .bench-data/large-plan.json: run `npm run bench` once to generate it');
  process.exit(2);
}
const dir = args.reopen ?? mkdtempSync(join(tmpdir(), 'countersign-profile-import-'));
const ctx = await openAppContext({ mode: 'browser', version: 'bench', workspaceDir: join(dir, 'ws'), seedDemo: false, demoDir: dir, watch: false });
const api = createApiHandlers(ctx);
const timed = async <T>(into: Record<string, number>, label: string, fn: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const v = await fn();
  into[label] = Math.round(performance.now() - t0);
  return v;
};
const ms: Record<string, number> = {};
// Main-thread GC pauses during the import (young and full collections), summed.
let gcMs = 0;
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
});
gcObserver.observe({ entryTypes: ['gc'] });
try {
  let digest: string;
  if (args.reopen === undefined) {
    await callApi(api, 'appInfo', {});
    const c0 = process.cpuUsage();
    const up = await timed(ms, 'upload (receive)', () => uploadStoreFor(ctx).receive(createReadStream(planFile)));
    if (!up.ok) throw new Error(`upload refused: ${up.reason}`);
    const r = await timed(ms, 'importUploads', () => callApi(api, 'importUploads', { files: [{ upload: up.id, path: 'large-plan.json' }] }));
    if (!r.ok) throw new Error(r.message);
    const cpu = process.cpuUsage(c0);
    ms['CPU: upload + import'] = Math.round((cpu.user + cpu.system) / 1000);
    ms['GC pauses: upload + import'] = Math.round(gcMs);
    digest = (r.value as { digest: string }).digest;
  } else {
    const inbox = await timed(ms, 'listInbox', () => callApi(api, 'listInbox', {}));
    if (!inbox.ok) throw new Error(inbox.message);
    digest = (inbox.value as { groups: { items: { digest: string }[] }[] }).groups[0]!.items[0]!.digest;
  }
  // The review's order: its first rows, the change set, then the whole list and the findings.
  for (const [method, input] of [['listResources', { first: 120 }], ['getChangeSet', {}], ['listResources', {}], ['listFindings', {}]] as const) {
    const r = await timed(ms, `${method}${'first' in input ? ' first 120' : ''}`, () => callApi(api, method, { digest, ...input }));
    if (!r.ok) throw new Error(r.message);
  }
  if (args.keep) await ctx.session.detailsStored(digest);
  console.log(JSON.stringify(ms, null, 2));
  if (args.keep) console.log(`workspace kept: --reopen ${dir}`);
} finally {
  ctx.ws.close();
  uploadStoreFor(ctx).close();
  if (!args.keep && args.reopen === undefined) rmSync(dir, { recursive: true, force: true });
}

// Browser mode: `npm run serve [-- --port N --workspace DIR]`. The same renderer and API as the
// desktop app, over loopback HTTP with a per-launch token. Opens nothing by itself.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pkg from '../../package.json';
import { openAppContext } from './app-context';
import { createApiHandlers } from './api-handlers';
import { startBrowserHost } from './browser-host';
import { watchInbox } from './inbox-watcher';
import { appRoot } from './repo-paths';

const USAGE = `usage: npm run serve -- [--port N] [--workspace DIR] [--no-seed] [--no-watch] [--watch-settle-ms N]
  --port N          listen on 127.0.0.1:N (default: a free port)
  --workspace DIR   the workspace folder (default: $COUNTERSIGN_WORKSPACE, else ~/.countersign/demo)
  --no-seed         do not seed a new workspace with the demo contract and change sets
  --no-watch        do not watch DIR/inbox for change sets to import
  --watch-settle-ms N  how long a file put in the inbox must stay unchanged before it is read (default 700)`;

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string' }, workspace: { type: 'string' }, 'no-seed': { type: 'boolean' }, 'no-watch': { type: 'boolean' },
        'watch-settle-ms': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (err) {
    console.error(`countersign serve: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const port = args.port === undefined ? 0 : Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`countersign serve: --port must be 0..65535\n${USAGE}`);
    process.exit(2);
  }
  const settleMs = args['watch-settle-ms'] === undefined ? undefined : Number(args['watch-settle-ms']);
  if (settleMs !== undefined && (!Number.isInteger(settleMs) || settleMs < 50 || settleMs > 60_000)) {
    console.error(`countersign serve: --watch-settle-ms must be 50..60000\n${USAGE}`);
    process.exit(2);
  }
  const root = appRoot();
  const rendererDir = join(root, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error('countersign serve: the renderer is not built (out/renderer/index.html is missing); run `npm run build` (npm ci does it for you)');
    process.exit(2);
  }
  const workspaceDir = workspaceFolder(args.workspace ?? process.env.COUNTERSIGN_WORKSPACE ?? join(homedir(), '.countersign', 'demo'));
  const ctx = await openAppContext({
    mode: 'browser', version: pkg.version, workspaceDir, seedDemo: args['no-seed'] !== true, demoDir: join(root, 'electron', 'demo'), watch: args['no-watch'] !== true,
  });
  const host = await startBrowserHost({ handlers: createApiHandlers(ctx), rendererDir, port, events: { changes: ctx.inboxEvents, tickets: ctx.eventTickets } });
  const watcher = watchInbox(ctx, settleMs === undefined ? {} : { settleMs });
  console.log(`Countersign ${pkg.version} (browser mode) on workspace ${workspaceDir}`);
  console.log(`Watching ${ctx.watchDir ?? '(nothing)'} for change sets; attestations are exported to ${ctx.outboxDir}`);
  console.log('Open this URL in Chromium, Chrome, Edge or Firefox (it carries this launch\'s access token; keep it private):');
  console.log(`  ${host.url}`);
  console.log('Press Ctrl+C to stop.');
  const stop = async (): Promise<void> => {
    watcher.close();
    await host.close();
    ctx.ws.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** A workspace is a folder; a path to its countersign.db (what the CLI takes) means its folder. */
function workspaceFolder(path: string): string {
  const full = resolve(path);
  return full.endsWith('.db') ? dirname(full) : full;
}

main().catch((err: unknown) => {
  console.error(`countersign serve: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

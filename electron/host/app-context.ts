import { join } from 'node:path';
import { reconcileAttestationOutbox } from '../core/app';
import { ReviewSession } from '../core/app/review';
import { initWorkspace, makePrivateDir, WORKSPACE_FILE_NAME } from '../core/store';
import type { Workspace } from '../core/store';
import { seedDemoWorkspace } from './seed-demo';
import { EventTickets } from './event-tickets';
import { createInboxEvents } from './inbox-events';
import type { InboxEvents } from './inbox-events';
import type { WatchProblemDto } from '../shared/api-types';

export type WatchProblem = WatchProblemDto;

/** Everything the API handlers work on: one open workspace and the folders next to it. */
export interface AppContext {
  readonly mode: 'electron' | 'browser';
  readonly version: string;
  /** The workspace folder: countersign.db, inbox/ (watched) and outbox/ (exported attestations). */
  readonly workspaceDir: string;
  readonly ws: Workspace;
  readonly session: ReviewSession;
  readonly outboxDir: string;
  readonly watchDir: string | null;
  /** Recent failures of automatic imports from the watched folder, newest first (bounded). */
  readonly watchProblems: WatchProblem[];
  /** Issue 11: "the inbox changed" (watched folder imports and failures, dismissed notices), for the window. */
  readonly inboxEvents: InboxEvents;
  /** Issue 11: single-use tickets that open the browser host's event stream. */
  readonly eventTickets: EventTickets;
  /** Electron only: shows the native open dialog; null when cancelled. */
  readonly pickImportPaths?: () => Promise<readonly string[] | null>;
  /** Electron only: shows the native save dialog for a file named `defaultName` (titled `title`); null when cancelled. */
  readonly pickSavePath?: (defaultName: string, title?: string) => Promise<string | null>;
  /** Issue 12: prints an audit report's HTML to PDF (Electron: printToPDF); absent in browser mode, which uses headless Chromium. */
  readonly printPdf?: (html: string) => Promise<Buffer>;
}

export interface OpenAppContextOptions {
  readonly mode: 'electron' | 'browser';
  readonly version: string;
  readonly workspaceDir: string;
  /** Seed a new workspace with the demo contract and change sets (from `demoDir`). */
  readonly seedDemo: boolean;
  readonly demoDir: string;
  readonly watch?: boolean;
  readonly pickImportPaths?: () => Promise<readonly string[] | null>;
  readonly pickSavePath?: (defaultName: string, title?: string) => Promise<string | null>;
  readonly printPdf?: (html: string) => Promise<Buffer>;
}

/**
 * Opens (creating on first run) the workspace in `workspaceDir`. A new workspace gets the
 * demo seeded when asked, so `npm start` on a fresh clone opens on something to review.
 */
export async function openAppContext(options: OpenAppContextOptions): Promise<AppContext> {
  // The app owns these folders: owner-only, and tightened when an older build left them open.
  makePrivateDir(options.workspaceDir, { tightenExisting: true });
  // The audit names the OS user for what the app does, and the reviewer for what a key signs (audit-actor.ts).
  const ws = initWorkspace(join(options.workspaceDir, WORKSPACE_FILE_NAME));
  const outboxDir = join(options.workspaceDir, 'outbox');
  const watchDir = options.watch === false ? null : join(options.workspaceDir, 'inbox');
  makePrivateDir(outboxDir, { tightenExisting: true });
  // A signed file whose write a kill interrupted is finished or undone, and a missing one rewritten.
  reconcileAttestationOutbox(ws, outboxDir, { rewriteMissing: true });
  if (watchDir) makePrivateDir(watchDir, { tightenExisting: true });
  // A workspace that has seen no change set yet is seeded (not only a brand-new file: a
  // first run that was interrupted before the imports should still end up with the demo).
  if (options.seedDemo && ws.listInbox({ limit: 1 }).total === 0 && ws.contracts.listRevisions().length === 0) {
    await seedDemoWorkspace(ws, options.demoDir);
  }
  return {
    mode: options.mode,
    version: options.version,
    workspaceDir: options.workspaceDir,
    ws,
    session: new ReviewSession(ws),
    outboxDir,
    watchDir,
    watchProblems: [],
    inboxEvents: createInboxEvents(),
    eventTickets: new EventTickets(),
    ...(options.pickImportPaths ? { pickImportPaths: options.pickImportPaths } : {}),
    ...(options.pickSavePath ? { pickSavePath: options.pickSavePath } : {}),
    ...(options.printPdf ? { printPdf: options.printPdf } : {}),
  };
}

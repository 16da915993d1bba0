// Electron main process: one sandboxed window on app://countersign, the API over IPC, the
// demo workspace seeded on first run in the user-data folder (or --workspace DIR).
import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { createApiHandlers } from '../host/api-handlers';
import { openAppContext } from '../host/app-context';
import { printPdfWithElectron } from './print-pdf';
import { watchInbox } from '../host/inbox-watcher';
import { INBOX_EVENT_CHANNEL } from '../shared/inbox-events';
import { appRoot } from '../host/repo-paths';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { hardenApp } from './harden';
import { registerApiIpc } from './ipc';
import { createMainWindow } from './main-window';

declare const __COUNTERSIGN_VERSION__: string;

/** Where the app's files are: beside the packaged app (resources/), or the repository in development. */
function locations(): { rendererDir: string; preload: string; demoDir: string; policiesDir: string } {
  if (app.isPackaged) {
    return {
      rendererDir: join(app.getAppPath(), 'out', 'renderer'),
      preload: join(app.getAppPath(), 'out', 'preload', 'preload.cjs'),
      demoDir: join(process.resourcesPath, 'demo'),
      policiesDir: join(process.resourcesPath, 'policies'),
    };
  }
  const root = appRoot(__dirname);
  return {
    rendererDir: join(root, 'out', 'renderer'),
    preload: join(root, 'out', 'preload', 'preload.cjs'),
    demoDir: join(root, 'electron', 'demo'),
    policiesDir: join(root, 'policies'),
  };
}

function workspaceArg(): string | undefined {
  const i = process.argv.indexOf('--workspace');
  return i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith('--workspace='))?.slice('--workspace='.length);
}

async function start(): Promise<void> {
  const where = locations();
  process.env.COUNTERSIGN_POLICIES ||= where.policiesDir;
  let mainWindow: BrowserWindow | null = null;
  const ctx = await openAppContext({
    mode: 'electron',
    version: __COUNTERSIGN_VERSION__,
    workspaceDir: workspaceArg() || process.env.COUNTERSIGN_WORKSPACE || app.getPath('userData'),
    seedDemo: true,
    demoDir: where.demoDir,
    pickImportPaths: async () => {
      const options: Electron.OpenDialogOptions = {
        title: 'Import a change set',
        buttonLabel: 'Import',
        properties: ['openFile', 'openDirectory', 'multiSelections'],
        filters: [{ name: 'Change sets', extensions: ['yaml', 'yml', 'json', 'tgz', 'gz', 'zip'] }, { name: 'All files', extensions: ['*'] }],
      };
      const r = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : r.filePaths;
    },
    pickSavePath: async (defaultName, title) => {
      const options: Electron.SaveDialogOptions = { title: title ?? 'Save the signing request', defaultPath: defaultName, buttonLabel: 'Save' };
      const r = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    printPdf: printPdfWithElectron,
  });
  serveRenderer(where.rendererDir);
  registerApiIpc(createApiHandlers(ctx), () => mainWindow);
  const watcher = watchInbox(ctx);
  mainWindow = createMainWindow(where.preload);
  mainWindow.on('closed', () => (mainWindow = null));
  // Issue 11: the screen shows what the watched folder imported without a reload (preload onInboxChanged).
  ctx.inboxEvents.subscribe((change) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(INBOX_EVENT_CHANNEL, change);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    watcher.close();
    ctx.ws.close();
  });
}

registerAppScheme();
app.enableSandbox();
if (!app.requestSingleInstanceLock()) {
  // One process per workspace: a second launch focuses the first.
  app.quit();
} else {
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  void app.whenReady().then(() => {
    hardenApp();
    return start();
  }).catch((err: unknown) => {
    dialog.showErrorBox('Countersign cannot start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
}

import { BrowserWindow, session } from 'electron';

/** Its own in-memory session: the default session's rules (the app's own files) do not apply to a report. */
const PRINT_PARTITION = 'countersign-print-pdf';

/**
 * The audit report's PDF in the desktop app (issue 12): the same HTML the CLI prints, loaded in
 * a hidden, offscreen window with no preload and JavaScript off, whose session refuses every
 * request but the document itself, then `webContents.printToPDF` (A4, backgrounds, the
 * document's print CSS). Browser mode and the CLI use headless Chromium (core/reports/pdf).
 */
export async function printPdfWithElectron(html: string): Promise<Buffer> {
  const documentUrl = `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
  const ses = session.fromPartition(PRINT_PARTITION, { cache: false });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== documentUrl }));
  const win = new BrowserWindow({
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      offscreen: true, session: ses, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false,
      webSecurity: true, images: true, spellcheck: false, disableBlinkFeatures: 'Auxclick', navigateOnDragDrop: false,
      nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webviewTag: false, allowRunningInsecureContent: false, experimentalFeatures: false,
    },
  });
  try {
    await win.loadURL(documentUrl);
    return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, margins: { top: 0.4, bottom: 0.4, left: 0.4, right: 0.4 } });
  } finally {
    win.destroy();
  }
}

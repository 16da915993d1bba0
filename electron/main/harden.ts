import { app, session } from 'electron';
import type { WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../host/content-security-policy';
import { APP_ORIGIN } from './app-protocol';

/** URLs the app may load: its own files, and the blob:/data: URLs Monaco makes for workers and fonts. */
function isOwnUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('blob:app://') || url.startsWith('data:') || url.startsWith('devtools://');
}

/**
 * The Electron security checklist, applied once for every web contents: no permission is
 * ever granted, no request leaves the app (no remote content), navigation and new windows
 * are refused, and <webview> cannot be attached.
 */
export function hardenApp(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isOwnUrl(details.url) }));
  // The app:// handler sends the CSP already; this also covers any response it does not make.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  ses.on('will-download', (event) => event.preventDefault());
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== contents.getURL()) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

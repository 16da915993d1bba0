import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../host/content-security-policy';
import { readRendererFile } from '../host/renderer-files';

/** The renderer's own origin: app://countersign. Nothing else is ever loaded into the window. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'countersign';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before `ready`: app:// is a standard, secure origin (so 'self', fetch and workers work as on https). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves out/renderer under app://countersign with the same CSP and headers as browser mode.
 * Paths are confined to the renderer folder; any other host is refused.
 */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') return new Response('not found', { status: 404 });
    const file = await readRendererFile(rendererDir, url.pathname);
    if (!file) return new Response('not found', { status: 404, headers: { 'content-security-policy': CONTENT_SECURITY_POLICY } });
    return new Response(new Uint8Array(file.body), { status: 200, headers: { ...SECURITY_HEADERS, 'content-type': file.contentType } });
  });
}

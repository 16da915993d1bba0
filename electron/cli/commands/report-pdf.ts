import { renderPdf } from '../../core/reports/pdf';

/**
 * The PDF of an audit report's HTML, printed by headless Chromium (core/reports/pdf). No
 * Chromium (none given, none on PATH): ChromiumNotFound, a usage error (exit 2) that says how
 * to point at one (--chromium PATH or COUNTERSIGN_CHROMIUM).
 */
export async function reportPdf(html: string, options: { readonly chromium?: string }): Promise<Uint8Array> {
  return renderPdf(html, options);
}

import { UsageError } from '../../core/model/errors';

/**
 * The PDF of an audit report's HTML (R2: core/reports/pdf renderPdf, headless Chromium). Until
 * it lands the format is refused as bad usage (exit 2), so nothing half-written is left.
 */
export async function reportPdf(html: string, options: { readonly chromium?: string }): Promise<Uint8Array> {
  void html;
  void options;
  throw new UsageError('the pdf format is not in this build yet: use --format html and print it');
}

// Issue 12 (reports; owner R2): the audit report's PDF for the app's hosts (which reach the
// reports through this layer): headless Chromium, or the Electron printer the host passes.
import type { AuditReport } from '../../reports/audit-report-model';
import type { Workspace } from '../../store';
import { auditReportHtml } from './audit-report-files';
import { renderPdf } from '../../reports/pdf';
import type { RenderPdfOptions } from '../../reports/pdf';

export { ChromiumNotFound } from '../../reports/pdf';

/** The PDF of the report's HTML: printed by `print` (Electron's printToPDF) when given, else by a headless Chromium. */
export function renderAuditReportPdf(ws: Workspace, report: AuditReport, print?: (html: string) => Promise<Buffer>, options: RenderPdfOptions = {}): Promise<Buffer> {
  const html = auditReportHtml(ws, report);
  return print ? print(html) : renderPdf(html, options);
}

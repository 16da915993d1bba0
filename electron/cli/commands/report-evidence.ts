import { writeEvidenceBundle } from '../../core/app/audit-report/evidence-bundle';
import type { AuditReport } from '../../core/app/audit-report';
import { printable } from '../../core/model/printable-text';
import { auditReportHtml } from '../../core/app/audit-report';
import { ChromiumNotFound, findChromium, renderPdf } from '../../core/reports/pdf';
import type { Workspace } from '../../core/store';

/**
 * `report --evidence DIR`: the evidence bundle, with the PDF when a Chromium is there. A
 * Chromium named (--chromium, COUNTERSIGN_CHROMIUM) that is not there is an error (exit 2);
 * none found on PATH leaves the PDF out, saying so.
 */
export async function writeEvidence(ws: Workspace, report: AuditReport, dir: string, chromium: string | undefined): Promise<void> {
  let pdf: Uint8Array | undefined;
  let executable: string | null = null;
  try {
    executable = findChromium(chromium !== undefined ? { chromium } : {});
  } catch (err) {
    if (!(err instanceof ChromiumNotFound) || chromium !== undefined || process.env.COUNTERSIGN_CHROMIUM) throw err;
    process.stderr.write(`countersign: no Chromium found, the evidence bundle has no report.pdf (${err.message})\n`);
  }
  if (executable !== null) pdf = await renderPdf(auditReportHtml(ws, report), { chromium: executable });
  const paths = writeEvidenceBundle(ws, report, dir, pdf !== undefined ? { pdf } : {});
  const commands = report.changeSets.length;
  process.stderr.write(`countersign: wrote the evidence bundle (${paths.length} files) to ${printable(dir)}; check it offline with: countersign verify --evidence ${printable(dir)} --changeset CHANGE-SET-BUNDLE --trust OWNER.pem${commands > 1 ? ' (once per change set)' : ''}\n`);
}

import { writeFileSync } from 'node:fs';
import { auditReportHtml, buildChangeSetAuditReport, buildPeriodAuditReport, isAuditReportFormat, renderAuditReportText, AUDIT_REPORT_FORMATS } from '../../core/app/audit-report';
import type { AuditReportFormat } from '../../core/app/audit-report';
import { InputError, UsageError } from '../../core/model/errors';
import { printable } from '../../core/model/printable-text';
import { parseCommandArgs } from '../parse-args';
import { HELP_OPTION, inWorkspace, needPositionals, WORKSPACE_OPTION } from './workspace-option';
import { REPORT_HELP } from './report-help';
import { reportPdf } from './report-pdf';
import { assertEvidenceDirFree } from '../../core/app/audit-report/evidence-bundle';
import { writeEvidence } from './report-evidence';

const OPTIONS = {
  ...WORKSPACE_OPTION, ...HELP_OPTION,
  changeset: { type: 'string' }, install: { type: 'string' }, vendor: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' },
  format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' }, chromium: { type: 'string' }, evidence: { type: 'string' },
} as const;

/** `countersign report`: an audit report of a change set or a period, in one format, to a file or stdout. */
export async function reportCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, 'report');
  if (values.help) {
    process.stdout.write(REPORT_HELP);
    return 0;
  }
  needPositionals(positionals, 0, '', 'report');
  const format = values.format ?? (values.evidence !== undefined ? 'html' : undefined);
  if (format === undefined) throw new UsageError(`report needs --format (${AUDIT_REPORT_FORMATS.join(', ')})`);
  if (!isAuditReportFormat(format)) throw new UsageError(`unknown format '${printable(format.slice(0, 40))}' (expected ${AUDIT_REPORT_FORMATS.join(', ')})`);
  const period = values.install !== undefined || values.vendor !== undefined || values.since !== undefined || values.until !== undefined;
  if (values.changeset !== undefined && period) throw new UsageError('give either --changeset DIGEST or a period (--install/--vendor with --since), not both');
  if (values.changeset === undefined && !period) throw new UsageError('report needs --changeset DIGEST, or --install NAME / --vendor NAME with --since DATE');
  if (period && values.since === undefined) throw new UsageError('a period report needs --since DATE');
  if (period && values.install === undefined && values.vendor === undefined) throw new UsageError('a period report needs --install NAME or --vendor NAME');
  if (format === 'pdf' && values.out === undefined) throw new UsageError('--format pdf needs --out FILE');
  if (values.evidence !== undefined) assertEvidenceDirFree(values.evidence);

  const text = await inWorkspace(values.workspace, async (ws) => {
    const report = values.changeset !== undefined
      ? buildChangeSetAuditReport(ws, values.changeset)
      : buildPeriodAuditReport(ws, { ...(values.install !== undefined ? { install: values.install } : {}), ...(values.vendor !== undefined ? { vendor: values.vendor } : {}), since: values.since!, ...(values.until !== undefined ? { until: values.until } : {}) });
    if (values.evidence !== undefined) await writeEvidence(ws, report, values.evidence, values.chromium);
    return format === 'pdf' ? auditReportHtml(ws, report) : renderAuditReportText(ws, report, format);
  });
  if (values.evidence !== undefined && values.format === undefined && values.out === undefined) return 0;
  if (format === 'pdf') {
    write(values.out!, await reportPdf(text, values.chromium !== undefined ? { chromium: values.chromium } : {}), format);
    return 0;
  }
  if (values.out === undefined) process.stdout.write(text);
  else write(values.out, text, format);
  return 0;
}

function write(file: string, data: string | Uint8Array, format: AuditReportFormat): void {
  try {
    writeFileSync(file, data);
  } catch (err) {
    throw new InputError(file, `cannot write the ${format} report (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  process.stderr.write(`countersign: wrote the ${format} audit report to ${printable(file)}\n`);
}

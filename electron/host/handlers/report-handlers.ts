/** Issue 12 (reports): audit reports of a change set or a period, exported from the app. */
import { basename, dirname } from 'node:path';
import { AUDIT_REPORT_EXTENSIONS, AUDIT_REPORT_MEDIA_TYPES, buildChangeSetAuditReport, buildPeriodAuditReport, renderAuditReportText } from '../../core/app/audit-report';
import type { AuditReport } from '../../core/app/audit-report';
import { writeAttestationFile } from '../../core/app/workspace-judgement';
import type { ApiHandlers } from '../api-handlers';
import type { AppContext } from '../app-context';

export function reportHandlers(ctx: AppContext): Pick<ApiHandlers, 'exportAuditReport'> {
  return {
    exportAuditReport: async (input) => {
      const report = 'changeSet' in input
        ? buildChangeSetAuditReport(ctx.ws, input.changeSet, { session: ctx.session })
        : buildPeriodAuditReport(ctx.ws, {
          ...(input.install !== undefined ? { install: input.install } : {}), ...(input.vendor !== undefined ? { vendor: input.vendor } : {}),
          since: input.since, ...(input.until !== undefined ? { until: input.until } : {}),
        }, { session: ctx.session });
      const text = renderAuditReportText(ctx.ws, report, input.format, ctx.session);
      const fileName = `${reportName(report)}.${AUDIT_REPORT_EXTENSIONS[input.format]}`;
      const chosen = ctx.pickSavePath ? await ctx.pickSavePath(fileName, `Save the audit report (${input.format.toUpperCase()})`) : null;
      const savedAs = chosen ? writeAttestationFile(dirname(chosen), { name: basename(chosen), text }) : null;
      return { fileName, format: input.format, mediaType: AUDIT_REPORT_MEDIA_TYPES[input.format], text, savedAs, summary: summaryOf(report) };
    },
  };
}

/** The file's name: the change set's digest, or the period's dates; never a name from vendor metadata. */
function reportName(r: AuditReport): string {
  if (r.scope.kind === 'change-set') return `audit-${r.scope.changeSet.replace(/^sha256:/, '').slice(0, 12)}`;
  return `audit-${r.scope.since.slice(0, 10)}-to-${r.scope.until.slice(0, 10)}`;
}

function summaryOf(r: AuditReport): string {
  const n = r.changeSets.length;
  return r.scope.kind === 'change-set' ? 'one change set' : `${n} change set${n === 1 ? '' : 's'} received ${r.scope.since.slice(0, 10)} to ${r.scope.until.slice(0, 10)}`;
}

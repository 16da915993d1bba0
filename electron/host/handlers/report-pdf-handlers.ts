/** Issue 12 (reports, R2): an audit report's PDF and its evidence bundle, from the app. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildChangeSetAuditReport, buildPeriodAuditReport } from '../../core/app/audit-report';
import type { AuditReport } from '../../core/app/audit-report';
import { writeEvidenceBundle } from '../../core/app/audit-report/evidence-bundle';
import { InputError } from '../../core/model/errors';
import { PRIVATE_FILE_MODE, tighten } from '../../core/store/private-files';
import { ChromiumNotFound, renderAuditReportPdf } from '../../core/app/audit-report/audit-pdf';
import type { ApiHandlers } from '../api-handlers';
import type { AppContext } from '../app-context';

type Scope = Parameters<ApiHandlers['exportAuditReportPdf']>[0];

export function reportPdfHandlers(ctx: AppContext): Pick<ApiHandlers, 'exportAuditReportPdf' | 'exportEvidenceBundle'> {
  // Electron prints with its own Chromium (printToPDF); browser mode with a headless Chromium.
  const print = (report: AuditReport): Promise<Buffer> => renderAuditReportPdf(ctx.ws, report, ctx.printPdf);
  return {
    exportAuditReportPdf: async (input) => {
      const report = reportOf(ctx, input);
      const pdf = await print(report);
      const fileName = `${reportName(report)}.pdf`;
      const chosen = ctx.pickSavePath ? await ctx.pickSavePath(fileName, 'Save the audit report (PDF)') : null;
      const savedAs = chosen ? writePrivate(chosen, pdf) : null;
      return {
        fileName, mediaType: 'application/pdf', dataBase64: ctx.pickSavePath ? null : pdf.toString('base64'),
        savedAs, bytes: pdf.length, summary: summaryOf(report),
      };
    },
    exportEvidenceBundle: async (input) => {
      const report = reportOf(ctx, input);
      const name = `${reportName(report)}-evidence`;
      const dir = ctx.pickSavePath ? await ctx.pickSavePath(name, 'Create the evidence bundle folder') : freeFolder(join(ctx.workspaceDir, 'evidence'), name);
      const verifyCommand = `countersign verify --evidence ${dir ?? name} --changeset CHANGE-SET-BUNDLE --trust OWNER.pem`;
      if (dir === null) return { dir: null, files: 0, pdf: false, note: 'Not saved (cancelled).', verifyCommand, summary: summaryOf(report) };
      let pdf: Buffer | undefined;
      let note = '';
      try {
        pdf = await print(report);
      } catch (err) {
        if (!(err instanceof ChromiumNotFound)) throw err;
        note = `No report.pdf: ${err.message}`;
      }
      const paths = writeEvidenceBundle(ctx.ws, report, dir, { session: ctx.session, ...(pdf ? { pdf } : {}) });
      return { dir, files: paths.length, pdf: pdf !== undefined, note, verifyCommand, summary: summaryOf(report) };
    },
  };
}

/** Owner-only, like every file the app writes from the workspace. */
function writePrivate(file: string, bytes: Buffer): string {
  try {
    writeFileSync(file, bytes, { mode: PRIVATE_FILE_MODE });
    tighten(file, PRIVATE_FILE_MODE);
  } catch (err) {
    throw new InputError(file, `cannot write the PDF here (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return file;
}

function reportOf(ctx: AppContext, input: Scope): AuditReport {
  return 'changeSet' in input
    ? buildChangeSetAuditReport(ctx.ws, input.changeSet, { session: ctx.session })
    : buildPeriodAuditReport(ctx.ws, {
      ...(input.install !== undefined ? { install: input.install } : {}), ...(input.vendor !== undefined ? { vendor: input.vendor } : {}),
      since: input.since, ...(input.until !== undefined ? { until: input.until } : {}),
    }, { session: ctx.session });
}

/** `<base>/<name>`, or `<name>-2`, `-3`… when taken: a bundle never goes into a folder that holds anything. */
function freeFolder(base: string, name: string): string {
  let dir = join(base, name);
  for (let n = 2; existsSync(dir); n++) dir = join(base, `${name}-${n}`);
  return dir;
}

/** Named by the change set's digest or the period's dates; never a name from vendor metadata. */
function reportName(r: AuditReport): string {
  if (r.scope.kind === 'change-set') return `audit-${r.scope.changeSet.replace(/^sha256:/, '').slice(0, 12)}`;
  return `audit-${r.scope.since.slice(0, 10)}-to-${r.scope.until.slice(0, 10)}`;
}

function summaryOf(r: AuditReport): string {
  const n = r.changeSets.length;
  return r.scope.kind === 'change-set' ? 'one change set' : `${n} change set${n === 1 ? '' : 's'} received ${r.scope.since.slice(0, 10)} to ${r.scope.until.slice(0, 10)}`;
}

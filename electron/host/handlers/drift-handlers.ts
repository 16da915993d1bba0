/** Issue 12 (drift review; owner D3): drift reports, their items and signed acknowledgements. */
import { basename } from 'node:path';
import { acknowledgeDrift, driftReportDetail, importDriftSnapshot, listDriftReports } from '../../core/app/drift';
import { acknowledgementDto, summaryDto } from '../../core/app/drift/drift-view';
import { InputError } from '../../core/model/errors';
import type { DriftAcknowledgeResultDto, DriftImportResultDto, DriftReportDto, DriftReportSummaryDto } from '../../shared/day2-types';
import type { AppContext } from '../app-context';

export function driftHandlers(ctx: AppContext) {
  return {
    getDriftReport: ({ id }: { readonly id: number }): DriftReportDto => driftReportDetail(ctx.ws, id),
    listDriftReports: ({ install }: { readonly install?: string | undefined }): { readonly reports: readonly DriftReportSummaryDto[] } => ({
      reports: listDriftReports(ctx.ws, install === undefined ? {} : { install }).map((r) => summaryDto(r.stored, r.report, r.acknowledgements)),
    }),
    acknowledgeDrift: async (input: { readonly key: string; readonly note: string; readonly mode: 'acknowledged' | 'revert-by-vendor'; readonly keyId: string; readonly passphrase: string }): Promise<DriftAcknowledgeResultDto> => {
      const r = await acknowledgeDrift(ctx.ws, { key: input.key, note: input.note, mode: input.mode, outboxDir: ctx.outboxDir }, { keyId: input.keyId, passphrase: input.passphrase });
      ctx.inboxEvents.emit('imported');
      return { acknowledgement: acknowledgementDto(r.acknowledgement), file: r.path, report: driftReportDetail(ctx.ws, r.reportId) };
    },
    importDriftFiles: ({ install, files }: { readonly install: string; readonly files: readonly { readonly path: string; readonly dataBase64: string }[] }): DriftImportResultDto => {
      const decoded = files.map((f) => {
        // Only the base name is kept with the report: never a path of the sender's machine.
        const name = basename(f.path.replace(/\\/g, '/'));
        // Strict: Buffer.from skips characters it does not know, so a corrupted upload would decode to *something*.
        const bytes = Buffer.from(f.dataBase64, 'base64');
        if (bytes.toString('base64').replace(/=+$/, '') !== f.dataBase64.replace(/=+$/, '')) throw new InputError(name, 'the upload is not valid base64');
        return { name, bytes };
      });
      const imported = importDriftSnapshot(ctx.ws, { install, files: decoded });
      ctx.inboxEvents.emit('imported');
      const acks = new Map(listDriftReports(ctx.ws, { install }).flatMap((r) => [...r.acknowledgements]));
      return { reports: imported.map((r) => summaryDto(r.stored, r.report, acks)) };
    },
  };
}

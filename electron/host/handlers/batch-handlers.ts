/** Issue 10 (batch): batch exceptions, outbox, export and verify as the vendor. */
import { join } from 'node:path';
import type { Severity } from '../../core/model/policy';
import { outboxFolderFor } from '../../core/app/outbox-layout';
import { exportForVendor, verifyAsVendor } from '../../core/app/vendor-export';
import { previewWaivers } from '../../core/app/waiver-preview';
import type { WaiverSelector } from '../../core/app/waiver-selection';
import type { AppContext } from '../app-context';
import type { ApiHandlers } from '../api-handlers';

/** The app's export folder of a change set: `vendor-export/` in its outbox folder (the app owns it, so an export replaces the last). */
export const VENDOR_EXPORT_FOLDER = 'vendor-export';

export function batchHandlers(ctx: AppContext): Pick<ApiHandlers, 'previewWaivers' | 'exportForVendor' | 'verifyAsVendor'> {
  const { ws, session } = ctx;
  return {
    previewWaivers: ({ digest, selector }) => {
      const r = previewWaivers(session, digest, selectorOf(selector));
      return { groups: r.groups, waives: r.waives, total: r.total };
    },
    exportForVendor: ({ digest }) => {
      const dir = join(outboxFolderFor(ws, ctx.outboxDir, digest), VENDOR_EXPORT_FOLDER);
      const r = exportForVendor(ws, { digest, dir, replace: true }, session);
      return { dir: r.dir, files: r.export.files.map((f) => f.name), contract: r.export.contract };
    },
    verifyAsVendor: ({ digest }) => {
      const r = verifyAsVendor(ws, { digest }, session);
      const reason = (x: { code: string; message: string; source?: string }) => ({ code: x.code, message: x.message, ...(x.source ? { source: x.source } : {}) });
      return { ...r, reasons: r.reasons.map(reason), notes: r.notes.map(reason) };
    },
  };
}

/** The validated input, without the keys left out (exactOptionalPropertyTypes). */
function selectorOf(s: { policies?: string[] | undefined; resourcePattern?: string | undefined; severities?: Severity[] | undefined; allDeny?: true | undefined; findings?: { policy: string; address: string }[] | undefined }): WaiverSelector {
  return {
    ...(s.policies ? { policies: s.policies } : {}),
    ...(s.resourcePattern !== undefined ? { resourcePattern: s.resourcePattern } : {}),
    ...(s.severities ? { severities: s.severities } : {}),
    ...(s.allDeny ? { allDeny: true as const } : {}),
    ...(s.findings ? { findings: s.findings } : {}),
  };
}

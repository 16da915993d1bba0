/** Issue 13 (fleet preview): one release against many customers' published contracts. */
import { basename, dirname } from 'node:path';
import { writeAttestationFile } from '../../core/app/workspace-judgement';
import { fleetExportText, previewFleet } from '../../core/app/fleet-preview/preview-fleet';
import { NotFoundError } from '../../core/model/errors';
import { printable } from '../../core/model/printable-text';
import type { FleetPreviewDto } from '../../shared/api-types';
import type { ApiHandlers } from '../api-handlers';
import { ApiFailure } from '../api-errors';
import type { AppContext } from '../app-context';
import { keptPreviewsFor } from '../fleet/kept-previews';
import { stageFleetUploads } from '../fleet/stage-fleet-uploads';
import { checkedLocalPaths } from '../local-paths';
import { uploadStoreFor } from '../upload-store';

/** What every preview says it leaves out: it is each contract's verdict on the release, before any review. */
export const FLEET_PREVIEW_NOTES: readonly string[] = Object.freeze([
  'Exceptions and approvals are not part of a fleet preview: each row is the contract\'s verdict on the release before any review.',
  'Nothing is stored in the workspace: the preview is kept in memory for export only.',
]);

type FleetMethods = 'fleetPreviewUploads' | 'fleetPreviewLocalPaths' | 'exportFleetPreview';

export function fleetHandlers(ctx: AppContext): Pick<ApiHandlers, FleetMethods> {
  const kept = keptPreviewsFor(ctx);
  /** Loads the release (never stored), then the contracts, evaluates the fleet and keeps the matrix for export. */
  const preview = async (releasePaths: readonly string[], contractPaths: readonly string[], releaseName: string): Promise<FleetPreviewDto> => {
    const matrix = await previewFleet(releasePaths, contractPaths);
    return { previewId: kept.keep({ matrix, releaseName }), matrix, releaseName, notes: FLEET_PREVIEW_NOTES };
  };
  return {
    fleetPreviewUploads: async ({ release, contracts }) => {
      if (ctx.mode !== 'browser') throw new ApiFailure('unsupported', 'uploads exist only in browser mode: the desktop app reads dropped files by their paths');
      const staged = stageFleetUploads(uploadStoreFor(ctx), release, contracts);
      try {
        return await preview(staged.releasePaths, staged.contractPaths, staged.releaseName);
      } catch (err) {
        throw staged.inUserNames(err);
      } finally {
        staged.dispose();
      }
    },
    fleetPreviewLocalPaths: async ({ release, contracts }) => {
      // In browser mode a page holding the token could otherwise name any file the host can read.
      if (ctx.mode !== 'electron') throw new ApiFailure('unsupported', 'previewing by path exists only in the desktop app: drop the files instead');
      const releasePaths = await checkedLocalPaths(release);
      const name = printable(basename(releasePaths[0]!));
      return preview(releasePaths, await checkedLocalPaths(contracts), releasePaths.length === 1 ? name : `${name} (+ ${releasePaths.length - 1} more)`);
    },
    exportFleetPreview: async ({ previewId, format }) => {
      const found = kept.get(previewId);
      if (!found) throw new NotFoundError(`preview ${previewId}`, 'is no longer kept: run the preview again, then export it');
      const text = fleetExportText(found.matrix, format);
      // The digest names the file: never a name from the vendor's or a customer's metadata.
      const fileName = `fleet-${found.matrix.changeSet.digest.replace(/^sha256:/, '').slice(0, 12)}.${format}`;
      const chosen = ctx.pickSavePath ? await ctx.pickSavePath(fileName) : null;
      const savedAs = chosen ? writeAttestationFile(dirname(chosen), { name: basename(chosen), text }) : null;
      return { fileName, format, text, savedAs };
    },
  };
}

/** Issue 13 (fleet preview): one release against many customers' published contracts. */
import { basename, dirname } from 'node:path';
import { writeAttestationFile } from '../../core/app/workspace-judgement';
import { droppedFleetContracts, fleetExportText, fleetPreviewNotes, localFleetContracts, previewFleet } from '../../core/app/fleet-preview/preview-fleet';
import type { FleetContract, FleetTrust } from '../../core/app/fleet-preview/preview-fleet';
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


type FleetMethods = 'fleetPreviewUploads' | 'fleetPreviewLocalPaths' | 'exportFleetPreview';

export function fleetHandlers(ctx: AppContext): Pick<ApiHandlers, FleetMethods> {
  const kept = keptPreviewsFor(ctx);
  /** Loads the release (never stored), then the contracts, evaluates the fleet and keeps the matrix for export. */
  const preview = async (releasePaths: readonly string[], contracts: () => readonly FleetContract[], releaseName: string, trust: FleetTrust = 'own-roster'): Promise<FleetPreviewDto> => {
    const matrix = await previewFleet(ctx.ws, releasePaths, contracts(), trust);
    return { previewId: kept.keep({ matrix, releaseName }), matrix, releaseName, notes: fleetPreviewNotes(matrix) };
  };
  return {
    fleetPreviewUploads: async ({ release, contracts, trust }) => {
      if (ctx.mode !== 'browser') throw new ApiFailure('unsupported', 'uploads exist only in browser mode: the desktop app reads dropped files by their paths');
      const staged = stageFleetUploads(uploadStoreFor(ctx), release, contracts);
      try {
        return await preview(staged.releasePaths, () => droppedFleetContracts(staged.contractFiles), staged.releaseName, trust);
      } catch (err) {
        throw staged.inUserNames(err);
      } finally {
        staged.dispose();
      }
    },
    fleetPreviewLocalPaths: async ({ release, contracts, trust }) => {
      // In browser mode a page holding the token could otherwise name any file the host can read.
      if (ctx.mode !== 'electron') throw new ApiFailure('unsupported', 'previewing by path exists only in the desktop app: drop the files instead');
      const releasePaths = await checkedLocalPaths(release);
      const name = printable(basename(releasePaths[0]!));
      const contractPaths = await checkedLocalPaths(contracts);
      return preview(releasePaths, () => localFleetContracts(contractPaths), releasePaths.length === 1 ? name : `${name} (+ ${releasePaths.length - 1} more)`, trust);
    },
    exportFleetPreview: async ({ previewId, format }) => {
      const found = kept.get(previewId);
      if (!found) throw new NotFoundError(`preview ${previewId}`, 'is no longer kept: run the preview again, then export it');
      const text = fleetExportText(found.matrix, format);
      // The digest names the file: never a name from the vendor's or a customer's metadata.
      const fileName = `fleet-${found.matrix.changeSet.digest.replace(/^sha256:/, '').slice(0, 12)}.${format}`;
      const chosen = ctx.pickSavePath ? await ctx.pickSavePath(fileName, `Save the fleet matrix (${format.toUpperCase()})`) : null;
      const savedAs = chosen ? writeAttestationFile(dirname(chosen), { name: basename(chosen), text }) : null;
      return { fileName, format, text, savedAs };
    },
  };
}

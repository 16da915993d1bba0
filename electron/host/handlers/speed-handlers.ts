/** Issue 11 (speed: raw-byte uploads, Electron paths, stored rows, policy texts once). */
import { policyTexts } from '../../core/app/review/policy-texts';
import { ApiFailure } from '../api-errors';
import type { AppContext } from '../app-context';
import { importPaths, importUploads } from '../import-files';
import { checkedLocalPaths } from '../local-paths';
import { uploadStoreFor } from '../upload-store';
import { warmDefaultContract } from '../warm-contract';

const warming = new WeakSet<AppContext>();

export function speedHandlers(ctx: AppContext) {
  // A dropped file's upload is the time to compile the contract its import will evaluate under.
  if (ctx.mode === 'browser' && !warming.has(ctx)) {
    warming.add(ctx);
    uploadStoreFor(ctx).onReceive(() => warmDefaultContract(ctx));
  }
  return {
    importUploads: ({ files }: { readonly files: readonly { readonly upload: string; readonly path: string }[] }) => {
      if (ctx.mode !== 'browser') throw new ApiFailure('unsupported', 'uploads exist only in browser mode: the desktop app imports dropped files by their paths');
      return importUploads(ctx, uploadStoreFor(ctx), files);
    },
    importLocalPaths: async ({ paths }: { readonly paths: readonly string[] }) => {
      // In browser mode a page holding the token could otherwise name any file the host can read.
      if (ctx.mode !== 'electron') throw new ApiFailure('unsupported', 'importing by path exists only in the desktop app: drop the files, or choose them with the Import button');
      return importPaths(ctx, await checkedLocalPaths(paths));
    },
    listPolicyTexts: ({ digest }: { readonly digest: string }) => policyTexts(ctx.session.judge(digest)),
  };
}

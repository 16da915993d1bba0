/** Issue 12 (backup): "Back up workspace" from the settings screen (docs/backup.md). */
import { join } from 'node:path';
import { backupWorkspace } from '../../core/app';
import { makePrivateDir } from '../../core/store';
import type { ApiHandlers } from '../api-handlers';
import type { AppContext } from '../app-context';

export function backupHandlers(ctx: AppContext): Pick<ApiHandlers, 'backupWorkspace'> {
  return {
    backupWorkspace: async ({ passphrase }) => {
      const name = `countersign-${new Date().toISOString().replace(/[:.]/g, '-')}.csbackup`;
      let out: string;
      if (ctx.pickSavePath) {
        const chosen = await ctx.pickSavePath(name, 'Back up the workspace');
        if (chosen === null) return null;
        out = chosen;
      } else {
        // Browser mode has no save dialog: the workspace's own folder, owner-only.
        const folder = join(ctx.workspaceDir, 'backups');
        makePrivateDir(folder, { tightenExisting: true });
        out = join(folder, name);
      }
      // The user confirmed the place in the dialog (which asks before replacing a file).
      const r = await backupWorkspace(ctx.ws, { out, passphrase, overwrite: ctx.pickSavePath !== undefined });
      return { file: r.file, createdAt: r.createdAt, auditEntries: r.auditHead.seq, head: r.auditHead.hash.slice(0, 16) };
    },
  };
}

import { compiledContract } from '../core/app/compiled-contract';
import { judgingRevision, resolveRevision } from '../core/app/current-contract';
import type { AppContext } from './app-context';

/**
 * Resolves and compiles the stored default contract (its CEL programs, a few hundred ms for the
 * baseline pack) while a dropped file is still uploading, so the import that follows finds it
 * compiled instead of compiling it on its own path. Nothing is stored: a workspace with no
 * contract yet gets its default one from the import, as before. Runs once the upload has
 * started streaming (setImmediate), and never fails anything: an unusable contract is the
 * import's to report.
 */
export function warmDefaultContract(ctx: AppContext): void {
  setImmediate(() => {
    try {
      if (!ctx.ws.db.open) return;
      const revision = judgingRevision(ctx.ws, { vendor: '', install: '' });
      if (revision !== null) compiledContract(resolveRevision(revision).contract);
    } catch {
      // The import reports it, with its file and line.
    }
  });
}

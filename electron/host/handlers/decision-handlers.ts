/** Issue 10 (decisions): final decisions, withdrawals, stale state, settings. */
import { withdrawDecision } from '../../core/app';
import { quorumStatus } from '../../core/app/review';
import type { AppContext } from '../app-context';
import type { ApiHandlers } from '../api-handlers';

export function decisionHandlers(ctx: AppContext): Pick<ApiHandlers, 'withdrawDecision' | 'getSettings' | 'updateSettings'> {
  const { ws, session } = ctx;
  return {
    withdrawDecision: async ({ digest, keyId, passphrase, reason, decision }) => {
      session.stored(digest);
      const r = await withdrawDecision(ws, { digest, keyId, passphrase, reason, ...(decision ? { decision } : {}), outboxDir: ctx.outboxDir }, session);
      return { file: r.path, quorum: quorumStatus(session, r.changeSetDigest) };
    },
    getSettings: () => ws.settings.get(),
    updateSettings: (patch) => ws.settings.update(patch),
  };
}

/** Issue 10 (decisions): final decisions, withdrawals, stale state, settings. */
import type { AppContext } from '../app-context';

export function decisionHandlers(ctx: AppContext) {
  void ctx;
  return {};
}

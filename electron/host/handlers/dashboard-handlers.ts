/** Issue 12 (dashboard). */
import type { AppContext } from '../app-context';

export function dashboardHandlers(ctx: AppContext) {
  void ctx;
  return {};
}

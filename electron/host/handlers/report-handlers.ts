/** Issue 12 (report). */
import type { AppContext } from '../app-context';

export function reportHandlers(ctx: AppContext) {
  void ctx;
  return {};
}

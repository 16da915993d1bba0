/** Issue 12 (drift). */
import type { AppContext } from '../app-context';

export function driftHandlers(ctx: AppContext) {
  void ctx;
  return {};
}

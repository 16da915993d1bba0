/** Issue 13 (fleet preview): one release against many customers' published contracts. */
import type { AppContext } from '../app-context';

export function fleetHandlers(ctx: AppContext) {
  void ctx;
  return {};
}

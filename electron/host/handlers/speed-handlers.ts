/** Issue 11 (speed: raw-byte uploads, Electron paths, stored rows, policy texts once). */
import type { AppContext } from '../app-context';

export function speedHandlers(ctx: AppContext) {
  void ctx;
  return {};
}

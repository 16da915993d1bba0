/** Issue 14 (pack shelf): the built-in policy packs offered on the contract screen. */
import type { AppContext } from '../app-context';

export function packShelfHandlers(ctx: AppContext) {
  void ctx;
  return {};
}

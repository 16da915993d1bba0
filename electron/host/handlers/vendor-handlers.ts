/** Issue 10 (vendor): vendor release signatures. */
import type { AppContext } from '../app-context';

export function vendorHandlers(ctx: AppContext) {
  void ctx;
  return {};
}

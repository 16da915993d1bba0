/** Issue 11 (navigation: search, filters, sort, viewed, shortcuts). */
import type { AppContext } from '../app-context';

export function navigationHandlers(ctx: AppContext) {
  void ctx;
  return {};
}

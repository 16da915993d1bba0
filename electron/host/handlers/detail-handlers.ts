/** Issue 11 (detail: attribute-level diff, images, finding card). */
import type { AppContext } from '../app-context';

export function detailHandlers(ctx: AppContext) {
  void ctx;
  return {};
}

/** Issue 11 (imports: display labels, watched-inbox events). */
import type { AppContext } from '../app-context';

export function importLabelHandlers(ctx: AppContext) {
  void ctx;
  return {};
}

/** Issue 10 (request): signing requests and received attestations. */
import type { AppContext } from '../app-context';

export function requestHandlers(ctx: AppContext) {
  void ctx;
  return {};
}

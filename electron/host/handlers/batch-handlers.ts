/** Issue 10 (batch): batch exceptions, outbox, export and verify as the vendor. */
import type { AppContext } from '../app-context';

export function batchHandlers(ctx: AppContext) {
  void ctx;
  return {};
}

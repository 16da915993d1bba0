/** Issue 10 (people): one personal key per person, rotate. */
import type { AppContext } from '../app-context';

export function peopleHandlers(ctx: AppContext) {
  void ctx;
  return {};
}

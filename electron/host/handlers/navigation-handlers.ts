/** Issue 11 (navigation): "Viewed" marks per reviewer and change set. */
import { markViewed, viewedResources } from '../../core/app/review';
import type { AppContext } from '../app-context';

export function navigationHandlers(ctx: AppContext) {
  const { session } = ctx;
  return {
    listViewed: ({ digest }: { readonly digest: string }) => viewedResources(session, digest),
    setViewed: ({ digest, indexes, viewed }: { readonly digest: string; readonly indexes: readonly number[]; readonly viewed: boolean }) =>
      markViewed(session, digest, indexes, viewed),
  };
}

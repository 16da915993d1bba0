/**
 * "Viewed" marks of the review list, per reviewer and change set. The reviewer is the
 * workspace's personal key (its fingerprint) when it holds one, else the OS user the app runs
 * as: the marks follow the person, not the window, and survive a reload or a restart.
 */
import type { ViewedDto } from '../../../shared/api-types';
import { InputError } from '../../model/errors';
import { osActor } from '../../store';
import type { Workspace } from '../../store';
import { personalKeys } from '../key-service';
import type { ReviewSession } from './review-session';

/** `key:<fingerprint>` of the personal key, else `os:<user>`. */
export function viewingReviewer(ws: Workspace): string {
  const key = personalKeys(ws)[0];
  return key ? `key:${key.id}` : osActor();
}

export function viewedResources(session: ReviewSession, digest: string): ViewedDto {
  const total = resourceCount(session, digest);
  const reviewer = viewingReviewer(session.ws);
  // An index past the end was never written by this build; it is not shown as progress.
  return { reviewer, total, indexes: session.ws.viewed.viewed(digest, reviewer).filter((i) => i < total) };
}

/** Marks resources viewed (or not): every index must name a resource of the change set, else nothing is stored. */
export function markViewed(session: ReviewSession, digest: string, indexes: readonly number[], viewed: boolean): ViewedDto {
  const total = resourceCount(session, digest);
  const outside = indexes.find((i) => i >= total);
  if (outside !== undefined) throw new InputError('viewed resources', `the change set has no resource ${outside} (it has ${total})`);
  const reviewer = viewingReviewer(session.ws);
  return { reviewer, total, indexes: session.ws.viewed.mark(digest, reviewer, indexes, viewed) };
}

function resourceCount(session: ReviewSession, digest: string): number {
  session.stored(digest);
  return session.changeSet(digest).resources.length;
}

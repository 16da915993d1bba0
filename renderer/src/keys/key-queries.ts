/**
 * Queries and mutations on keys, shared by the Keys screen and the Sign panel (which picks a
 * signing key). Query keys are `[method, input?]`, the convention of every screen, so a
 * mutation anywhere can invalidate what it changed.
 */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { ReviewerKeyDto } from '../../../electron/shared/api-types';

export const KEYS_QUERY = ['listKeys'] as const;

export function useKeyList() {
  return useQuery({ queryKey: KEYS_QUERY, queryFn: () => unwrap(api.listKeys({})) });
}

/** The workspace's own keys that can still sign. */
export function usableKeys(keys: readonly ReviewerKeyDto[] | undefined): readonly ReviewerKeyDto[] {
  return (keys ?? []).filter((k) => k.revokedAt === null);
}

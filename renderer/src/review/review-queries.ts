/**
 * The Review screen's reads. Query keys are `[method, …input]`, the same scheme the Sign
 * panel uses, so both share one cached findings list instead of fetching it twice.
 */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

// A change set is immutable by its digest: its rows and resource details never go stale.
const IMMUTABLE = { staleTime: Infinity } as const;

export function useChangeSet(digest: string) {
  return useQuery({ queryKey: ['getChangeSet', digest], queryFn: () => unwrap(api.getChangeSet({ digest })) });
}

export function useResourceRows(digest: string) {
  return useQuery({ queryKey: ['listResources', digest], queryFn: () => unwrap(api.listResources({ digest })), ...IMMUTABLE });
}

export function useReviewFindings(digest: string) {
  return useQuery({ queryKey: ['listFindings', digest], queryFn: () => unwrap(api.listFindings({ digest })) });
}

export function useResourceDetail(digest: string, index: number | null) {
  return useQuery({
    queryKey: ['getResource', digest, index],
    queryFn: () => unwrap(api.getResource({ digest, index: index! })),
    enabled: index !== null,
  });
}

export function useSourceExcerpt(digest: string, file: string, line: number) {
  return useQuery({
    queryKey: ['getSourceExcerpt', digest, file, line],
    queryFn: () => unwrap(api.getSourceExcerpt({ digest, file, line, context: 12 })),
    ...IMMUTABLE,
  });
}

/**
 * The Review screen's reads. Query keys are `[method, …input]`, the same scheme the Sign
 * panel uses, so both share one cached findings list instead of fetching it twice.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ViewedDto } from '../../../electron/shared/api-types';
import { api, unwrap } from '../api/client';

// A change set is immutable by its digest: its rows and resource details never go stale.
const IMMUTABLE = { staleTime: Infinity } as const;

export function useChangeSet(digest: string) {
  return useQuery({ queryKey: ['getChangeSet', digest], queryFn: () => unwrap(api.getChangeSet({ digest })) });
}

/** How many rows the review paints first, while the whole list (15k rows: megabytes) is on its way. */
export const FIRST_ROWS = 120;

/**
 * The first rows of the change set, in its order (the list's default view): asked for before the
 * whole list, so a big change set shows rows at once. Not asked when the whole list is at hand.
 */
export function useFirstResourceRows(digest: string, enabled: boolean) {
  return useQuery({ queryKey: ['listResources', digest, 'first', FIRST_ROWS], queryFn: () => unwrap(api.listResources({ digest, first: FIRST_ROWS })), enabled, ...IMMUTABLE });
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

export function useSourceExcerpt(digest: string, file: string, line: number, column?: number, field?: readonly (string | number)[]) {
  return useQuery({
    queryKey: ['getSourceExcerpt', digest, file, line, column ?? null, field ?? null],
    queryFn: () => unwrap(api.getSourceExcerpt({ digest, file, line, context: 12, ...(column !== undefined ? { column } : {}), ...(field ? { field: [...field] } : {}) })),
    ...IMMUTABLE,
  });
}

/** The resources this reviewer marked "Viewed" in the change set, as a Set for the list. */
export function useViewed(digest: string) {
  return useQuery({ queryKey: ['listViewed', digest], queryFn: () => unwrap(api.listViewed({ digest })) });
}

/**
 * Marks resources viewed (or not). The list shows the mark at once (optimistic), and goes back
 * to what the host stored when the call fails.
 */
export function useSetViewed(digest: string) {
  const client = useQueryClient();
  const key = ['listViewed', digest];
  const mutationKey = ['setViewed', digest];
  return useMutation({
    mutationKey,
    mutationFn: (input: { readonly indexes: readonly number[]; readonly viewed: boolean }) =>
      unwrap(api.setViewed({ digest, indexes: [...input.indexes], viewed: input.viewed })),
    onMutate: async ({ indexes, viewed }) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<ViewedDto>(key);
      if (before) {
        const next = new Set(before.indexes);
        for (const i of indexes) {
          if (viewed) next.add(i);
          else next.delete(i);
        }
        client.setQueryData<ViewedDto>(key, { ...before, indexes: [...next].sort((a, b) => a - b) });
      }
      return { before };
    },
    onError: (_e, _input, context) => {
      if (context?.before) client.setQueryData(key, context.before);
    },
    // Quick marks overlap: an earlier answer must not undo a later optimistic mark.
    onSuccess: (stored) => {
      if (client.isMutating({ mutationKey }) <= 1) client.setQueryData(key, stored);
    },
  });
}

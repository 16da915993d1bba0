/** Queries and cache updates of the revisions and roster panels (`[method, input…]` keys). */
import { useQuery } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { newestFirst } from './revision-format';

export function useRevisions(contract: string) {
  // Newest first, whatever order the host lists them in.
  return useQuery({
    queryKey: ['listContractRevisions', contract],
    queryFn: () => unwrap(api.listContractRevisions({ contract })),
    select: newestFirst,
  });
}


export function useRevisionDiff(contract: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: ['diffContractRevisions', contract, from, to],
    queryFn: () => unwrap(api.diffContractRevisions({ contract, from: from!, to: to! })),
    enabled: from !== null && to !== null && from !== to,
    retry: false,
  });
}

/** After a save, revert or publish: everything that shows the contract's current revision. */
export function invalidateContract(client: QueryClient): Promise<void> {
  return Promise.all([
    client.invalidateQueries({ queryKey: ['listContractRevisions'] }),
    client.invalidateQueries({ queryKey: ['getContract'] }),
    client.invalidateQueries({ queryKey: ['listContracts'] }),
    client.invalidateQueries({ queryKey: ['listInbox'] }),
  ]).then(() => undefined);
}

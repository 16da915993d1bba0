/**
 * Queries the Sign panel reads, and the mutation wrapper every signature goes through: a new
 * signature changes the quorum, waived findings, the verdict, the inbox and the audit log, so
 * on success every cached query is refreshed.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

export function useAppInfo() {
  return useQuery({ queryKey: ['appInfo'], queryFn: () => unwrap(api.appInfo({})), staleTime: Infinity });
}

export function useQuorum(digest: string) {
  return useQuery({ queryKey: ['getQuorum', digest], queryFn: () => unwrap(api.getQuorum({ digest })) });
}

export function useFindings(digest: string) {
  return useQuery({ queryKey: ['listFindings', digest], queryFn: () => unwrap(api.listFindings({ digest })) });
}

export function useExceptions(digest: string) {
  return useQuery({ queryKey: ['listExceptions', digest], queryFn: () => unwrap(api.listExceptions({ digest })) });
}

/** A mutation that refreshes every cached query when it succeeds (signatures, keys). */
export function useRefreshingMutation<I, O>(run: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries() });
}

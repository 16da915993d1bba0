/**
 * Queries of the policy editor. Keys follow the app's `[method, input…]` convention; a draft's
 * text enters a key by its fingerprint (textKey), never whole.
 */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { textKey, useDebounced } from './use-debounced';

export function useCelCatalog(contract: string) {
  return useQuery({ queryKey: ['getCelCatalog', contract], queryFn: () => unwrap(api.getCelCatalog({ contract })), staleTime: 60_000 });
}

/** Type-checks an expression as the user types (debounced); the previous result stays shown meanwhile. */
export function useCelCheck(contract: string, text: string, policy: string, field: 'condition' | 'message', expression: string) {
  const settled = { text: useDebounced(text, 300), expression: useDebounced(expression, 300) };
  return useQuery({
    queryKey: ['checkCel', contract, policy, field, textKey(settled.text), settled.expression],
    queryFn: () => unwrap(api.checkCel({ contract, text: settled.text, policy, field, expression: settled.expression })),
    enabled: settled.text !== '',
    placeholderData: (prev) => prev,
    retry: false,
  });
}

/** The policy's tests on the draft, re-run whenever the draft changes (debounced). */
export function usePolicyTests(contract: string, text: string, policy: string) {
  const settled = useDebounced(text, 400);
  return useQuery({
    queryKey: ['runPolicyTests', contract, policy, textKey(settled)],
    queryFn: () => unwrap(api.runPolicyTests({ contract, text: settled, policy })),
    enabled: settled !== '',
    placeholderData: (prev) => prev,
    retry: false,
  });
}

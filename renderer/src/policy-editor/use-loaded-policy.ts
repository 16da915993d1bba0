import { useRef } from 'react';
import type { ContractPolicyDto } from '../../../electron/shared/api-types';
import type { ContractDraftState } from '../contract/use-contract-draft';

/**
 * The policy as the draft last loaded it. While the user types a condition that does not
 * compile the draft does not load (view null); the editor keeps showing the policy instead of
 * vanishing under the cursor. `stale` says the draft is currently broken.
 */
export function useLoadedPolicy(draft: ContractDraftState, policyId: string): { readonly policy: ContractPolicyDto | undefined; readonly stale: boolean } {
  const last = useRef<ContractPolicyDto | undefined>(undefined);
  if (draft.view) last.current = draft.view.policies.find((p) => p.id === policyId);
  return { policy: last.current, stale: draft.view === null };
}

/**
 * A policy field the user edits locally (CEL, message) and the draft receives once typing
 * settles. The draft's value is adopted again only when it changes for another reason (reset,
 * revert, a test capture); what this hook wrote itself never overwrites newer typing.
 */
import { useEffect, useRef, useState } from 'react';
import type { ContractDraftState } from '../contract/use-contract-draft';
import { useDebounced } from './use-debounced';

export function usePolicyField(draft: ContractDraftState, policyId: string, field: 'condition' | 'message', fromDraft: string | undefined) {
  const [local, setLocal] = useState(fromDraft ?? '');
  const written = useRef<string | undefined>(fromDraft);
  const settled = useDebounced(local, 400);

  useEffect(() => {
    if (fromDraft !== undefined && fromDraft !== written.current) {
      written.current = fromDraft;
      setLocal(fromDraft);
    }
  }, [fromDraft]);

  useEffect(() => {
    if (!shouldWrite(settled, fromDraft, written.current)) return;
    written.current = settled;
    void draft.applyEdits([{ op: 'setPolicyField', policy: policyId, field, value: settled }]);
  }, [settled]); // once per settled value, not on every draft change

  return [local, setLocal] as const;
}

/**
 * Only a real change is written: showing the field, switching views or re-rendering writes
 * nothing, and a value this editor already wrote is not written twice.
 */
export function shouldWrite(settled: string, fromDraft: string | undefined, lastWritten: string | undefined): boolean {
  return fromDraft !== undefined && settled !== fromDraft && settled !== lastWritten;
}

/**
 * A policy field the user edits locally (CEL, message) and the draft receives once typing
 * settles. `inDraft` is what the draft holds for the field: the loaded value, or what this
 * hook wrote last (while a broken condition keeps the draft from loading, the loaded value is
 * stale, so it cannot be the reference). The draft's value is adopted again only when it
 * changes for another reason (reset, revert, a capture); it never overwrites newer typing.
 */
import { useEffect, useRef, useState } from 'react';
import type { ContractDraftState } from '../contract/use-contract-draft';
import { useDebounced } from './use-debounced';

export function usePolicyField(draft: ContractDraftState, policyId: string, field: 'condition' | 'message', fromDraft: string | undefined) {
  const [local, setLocal] = useState(fromDraft ?? '');
  const inDraft = useRef<string | undefined>(fromDraft);
  const settled = useDebounced(local, 400);

  const adopt = (value: string) => {
    inDraft.current = value;
    setLocal(value);
  };
  useEffect(() => {
    if (fromDraft !== undefined && fromDraft !== inDraft.current) adopt(fromDraft);
  }, [fromDraft]);
  // Back to the saved text (reset, saved, reverted): show what the draft holds now.
  useEffect(() => {
    if (!draft.dirty && fromDraft !== undefined) adopt(fromDraft);
  }, [draft.dirty]); // only on the transition, not on every keystroke

  useEffect(() => {
    if (!shouldWrite(settled, inDraft.current)) return;
    inDraft.current = settled;
    void draft.applyEdits([{ op: 'setPolicyField', policy: policyId, field, value: settled }]);
  }, [settled]); // once per settled value, not on every draft change

  return [local, setLocal] as const;
}

/**
 * Only a real change is written: showing the field, switching views or re-rendering writes
 * nothing. `inDraft`: what the draft holds for the field (undefined: no such policy).
 */
export function shouldWrite(settled: string, inDraft: string | undefined): boolean {
  return inDraft !== undefined && settled !== inDraft;
}

/**
 * The unsaved contract draft the editor panels share (owned by the contract screen; this copy
 * declares the same signature so the policy and revision panels build against it).
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { ContractView } from '../../../electron/shared/api-types';
import type { DraftProblemDto } from '../../../electron/shared/contract-editor-types';
import type { ContractEdit } from '../../../electron/core/base/contract-edits';

export interface ContractDraftState {
  readonly contract: string;
  readonly text: string;
  readonly savedText: string;
  readonly view: ContractView | null;
  readonly problems: readonly DraftProblemDto[];
  readonly dirty: boolean;
  readonly busy: boolean;
  applyEdits(edits: ContractEdit[]): Promise<boolean>;
  replaceText(text: string): void;
  reset(): void;
  markSaved(text: string): void;
}

export function useContractDraft(contract: string, saved: ContractView | undefined): ContractDraftState {
  const savedText = saved?.text ?? '';
  const [text, setText] = useState(savedText);
  const [base, setBase] = useState(savedText);
  const [view, setView] = useState<ContractView | null>(saved ?? null);
  const [problems, setProblems] = useState<readonly DraftProblemDto[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setText(savedText);
    setBase(savedText);
    setView(saved ?? null);
    setProblems([]);
  }, [savedText, saved]);

  const applyEdits = useCallback(async (edits: ContractEdit[]): Promise<boolean> => {
    setBusy(true);
    try {
      const r = await api.editContractDraft({ contract, text, edits });
      if (!r.ok) {
        setProblems([{ message: r.message }]);
        return false;
      }
      setText(r.value.text);
      setView(r.value.view);
      setProblems(r.value.problems);
      return r.value.problems.length === 0;
    } finally {
      setBusy(false);
    }
  }, [contract, text]);

  return {
    contract, text, savedText: base, view, problems, dirty: text !== base, busy, applyEdits,
    replaceText: (t: string) => setText(t),
    reset: () => { setText(base); setView(saved ?? null); setProblems([]); },
    markSaved: (t: string) => { setBase(t); setText(t); },
  };
}

/**
 * The unsaved draft of one contract: its YAML text, the view the host loaded from it, and its
 * problems. Every change goes through the host (api.editContractDraft), which splices only the
 * node an edit names, so the draft stays the customer's own text. Edits run one after another
 * on the latest text: a fast second click never edits a stale copy.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ContractView } from '../../../electron/shared/api-types';
import type { ContractDraftDto, DraftProblemDto } from '../../../electron/shared/contract-editor-types';
import type { ContractEdit } from '../../../electron/core/base/contract-edits';
import { api, unwrap } from '../api/client';
import { describeError } from '../components/describe-error';

export interface ContractDraftState {
  readonly contract: string;
  /** The draft YAML (equals savedText until something is edited). */
  readonly text: string;
  /** The text of the revision the draft started from (or was last saved as). */
  readonly savedText: string;
  /** The draft as loaded by the host; the saved view while nothing changed; null when the draft does not load. */
  readonly view: ContractView | null;
  readonly problems: readonly DraftProblemDto[];
  readonly dirty: boolean;
  /** An edit is on its way to the host. */
  readonly busy: boolean;
  /** Applies edits to the latest draft; false when the host refused them (see problems / error). */
  applyEdits(edits: ContractEdit[]): Promise<boolean>;
  /** Replaces the whole text (the YAML/CEL editor); the host reloads it to a view. */
  replaceText(text: string): void;
  /** Drops every unsaved change. */
  reset(): void;
  /** The draft was saved as a revision with this text. */
  markSaved(text: string): void;
  /** The last failed call (e.g. `unsupported` while a handler is not built), as a sentence; null when none. */
  readonly error: string | null;
}

interface DraftStore {
  readonly text: string;
  readonly view: ContractView | null;
  readonly problems: readonly DraftProblemDto[];
}

/** `saved`: the contract's current revision as getContract returned it (null while loading). */
export function useContractDraft(contract: string, saved: ContractView | null): ContractDraftState {
  const savedTextFromView = saved?.text ?? '';
  const [savedText, setSavedText] = useState(savedTextFromView);
  const [store, setStore] = useState<DraftStore>({ text: savedTextFromView, view: saved, problems: [] });
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<string | null>(null);
  // The latest text, read by queued edits (state would be stale inside the chain).
  const latest = useRef(store.text);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  // A new contract or a new saved revision starts a new draft; stale answers are dropped by generation.
  const generation = useRef(0);

  // Another contract starts a new draft. A new saved revision of the same contract replaces the
  // draft only when it has no unsaved changes: a background refetch never drops the user's work.
  const base = useRef({ contract, savedText });
  useEffect(() => {
    const dirty = latest.current !== base.current.savedText;
    if (contract === base.current.contract && dirty && savedTextFromView !== latest.current) return;
    generation.current += 1;
    base.current = { contract, savedText: savedTextFromView };
    latest.current = savedTextFromView;
    setSavedText(savedTextFromView);
    setStore({ text: savedTextFromView, view: saved, problems: [] });
    setError(null);
  }, [contract, savedTextFromView, saved]);

  const run = useCallback((edits: ContractEdit[], replace?: string): Promise<boolean> => {
    const gen = generation.current;
    setPending((n) => n + 1);
    const step = queue.current.then(async () => {
      const text = replace ?? latest.current;
      try {
        const draft: ContractDraftDto = await unwrap(api.editContractDraft({ contract, text, edits }));
        if (gen !== generation.current) return false;
        latest.current = draft.text;
        setStore({ text: draft.text, view: draft.view, problems: draft.problems });
        setError(null);
        return draft.problems.length === 0;
      } catch (err) {
        if (gen !== generation.current) return false;
        if (replace !== undefined) {
          latest.current = replace;
          setStore((s) => ({ ...s, text: replace, view: null }));
        }
        setError(describeError(err));
        return false;
      } finally {
        setPending((n) => n - 1);
      }
    });
    queue.current = step.catch(() => undefined);
    return step;
  }, [contract]);

  const applyEdits = useCallback((edits: ContractEdit[]) => run(edits), [run]);
  const replaceText = useCallback((text: string) => void run([], text), [run]);
  const reset = useCallback(() => {
    generation.current += 1;
    latest.current = savedText;
    setStore({ text: savedText, view: saved, problems: [] });
    setError(null);
  }, [savedText, saved]);
  const markSaved = useCallback((text: string) => {
    base.current = { ...base.current, savedText: text };
    setSavedText(text);
  }, []);

  return useMemo(() => ({
    contract, text: store.text, savedText, view: store.view,
    problems: store.problems, dirty: store.text !== savedText, busy: pending > 0, error,
    applyEdits, replaceText, reset, markSaved,
  }), [contract, store, savedText, saved, pending, error, applyEdits, replaceText, reset, markSaved]);
}

import { parseContract } from '../../engine';
import type { CompiledContract } from '../../engine';
import { InputError } from '../../model/errors';
import { printable } from '../../model/printable-text';
import type { PolicyCompileCache } from './policy-compile-cache';

/** Why a draft cannot be replayed: the line (1-based) of the draft where known, and the reason. */
export interface DraftProblem {
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export type LoadedDraft = { readonly ok: true; readonly compiled: CompiledContract } | { readonly ok: false; readonly problem: DraftProblem };

/**
 * Loads and compiles an unsaved contract text as importContract would (same parser, same
 * compiler, through the cache): every mistake becomes a problem naming the draft's line, and
 * nothing is stored either way.
 */
export function loadDraft(contract: string, text: string, cache: PolicyCompileCache): LoadedDraft {
  try {
    const resolved = parseContract(draftName(contract), text);
    return { ok: true, compiled: cache.compileContract(resolved) };
  } catch (err) {
    if (err instanceof InputError) {
      return { ok: false, problem: { ...(err.line !== undefined ? { line: err.line } : {}), ...(err.column !== undefined ? { column: err.column } : {}), message: err.message } };
    }
    // Whatever else a vendor-shaped or hand-written text provokes is still an answer, not a crash.
    return { ok: false, problem: { message: `${draftName(contract)}: cannot be loaded: ${err instanceof Error ? err.message : String(err)}` } };
  }
}

/** The name errors give the draft's text (it has no file). */
export function draftName(contract: string): string {
  return `contract ${printable(JSON.stringify(contract))} (draft)`;
}

/**
 * Why the draft cannot be saved now, in words (pure, unit-tested): nothing changed, it does not
 * load, a test fails, or no signing key names the author. Empty = it can be saved.
 */
import type { DraftProblemDto, PolicyTestResultDto } from '../../../electron/shared/contract-editor-types';

export interface SaveState {
  readonly dirty: boolean;
  readonly problems: readonly DraftProblemDto[];
  /** Test results per own policy; undefined while they run, an Error when they could not run. */
  readonly tests: readonly (readonly PolicyTestResultDto[] | Error | undefined)[];
  readonly keyChosen: boolean;
}

export function saveBlockers(s: SaveState): string[] {
  const out: string[] = [];
  if (!s.dirty) out.push('Nothing to save: the draft equals the saved revision.');
  for (const p of s.problems) out.push(`The draft does not load${p.line ? ` (line ${p.line})` : ''}: ${p.message}`);
  const failed = s.tests.flatMap((t) => (Array.isArray(t) ? t.filter((r) => !r.ok) : []));
  for (const f of failed) out.push(`Test "${f.name}" of ${f.policy} fails${f.message ? `: ${f.message}` : ''}`);
  const broken = s.tests.filter((t): t is Error => t instanceof Error);
  for (const e of broken) out.push(`The tests could not run: ${e.message}`);
  if (s.tests.some((t) => t === undefined)) out.push('The tests are still running.');
  if (!s.keyChosen) out.push('Choose the key that names you as the author.');
  return out;
}

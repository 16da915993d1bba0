/**
 * How a finding's explanation reads: the condition split around its deciding clause. The
 * offsets come from the host; they are checked against the text before use, so a stale or
 * wrong clause is never marked on the wrong characters (it is then found by its text, or shown
 * on its own).
 */
import type { ExplanationDto } from '../../../electron/shared/api-types';

export interface ConditionParts {
  readonly before: string;
  readonly clause: string;
  readonly after: string;
}

/** The condition around its deciding clause; null when the clause cannot be placed in it. */
export function conditionParts(e: Pick<ExplanationDto, 'condition' | 'clause'>): ConditionParts | null {
  const c = e.clause;
  if (!c || c.text === '') return null;
  const fits = Number.isInteger(c.start) && Number.isInteger(c.end) && c.start >= 0 && c.end <= e.condition.length && c.start < c.end
    && e.condition.slice(c.start, c.end) === c.text;
  const start = fits ? c.start : e.condition.indexOf(c.text);
  // Found by text only when it occurs once: marking the wrong one of two equal clauses would mislead.
  if (start < 0 || (!fits && e.condition.indexOf(c.text, start + 1) >= 0)) return null;
  const end = start + c.text.length;
  return { before: e.condition.slice(0, start), clause: e.condition.slice(start, end), after: e.condition.slice(end) };
}

/** A path's first step naming the Terraform plan entry itself (its `change.actions`), not an attribute (docs/policies.md). */
export const ENTRY = '@entry';

/** The field a finding blames, as a policy's `path` writes it: spec.containers[0].image; `change.actions` for ["@entry", "change", "actions"]. */
export function fieldText(field: readonly (string | number)[]): string {
  let out = '';
  for (const step of field[0] === ENTRY ? field.slice(1) : field) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(step)) out += out === '' ? step : `.${step}`;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out;
}

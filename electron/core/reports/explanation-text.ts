import type { Explanation } from '../model/explanation';

const MAX_WHY_CHARS = 400;

/**
 * One line saying why a finding fired, for the text report: the deciding clause, the values
 * its fields saw, and the list element that failed, e.g.
 * `object.publicly_accessible == false; saw object.publicly_accessible = true`.
 * Whitespace runs (a clause written over several lines) become one space; cut at
 * MAX_WHY_CHARS. '' when there is nothing to say. The caller makes it terminal-safe.
 */
export function whyText(e: Explanation): string {
  if (!e.clause) return e.note ? squeeze(e.note) : '';
  let out = squeeze(e.clause.text);
  if (e.values.length > 0) out += `; saw ${e.values.map((v) => `${squeeze(v.expression)} = ${v.value}`).join(', ')}`;
  const el = e.element;
  if (el) out += `; failed at ${squeeze(el.list)}[${typeof el.index === 'number' ? el.index : JSON.stringify(el.index)}] = ${el.value}`;
  else if (e.note) out += `; ${squeeze(e.note)}`;
  return out.length > MAX_WHY_CHARS ? `${out.slice(0, MAX_WHY_CHARS - 1)}…` : out;
}

function squeeze(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

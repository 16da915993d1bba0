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
  // A long clause (a branch of a baseline condition) by its start and end, so the values fit.
  let out = clauseShown(e.clause.text);
  if (e.values.length > 0) out += `; saw ${e.values.map((v) => `${cut(squeeze(v.expression), 60)} = ${cut(v.value, 80)}`).join(', ')}`;
  const el = e.element;
  if (el) out += `; failed at ${cut(squeeze(el.list), 60)}[${typeof el.index === 'number' ? el.index : JSON.stringify(el.index)}] = ${cut(el.value, 120)}`;
  else if (e.note) out += `; ${squeeze(e.note)}`;
  return out.length > MAX_WHY_CHARS ? `${out.slice(0, MAX_WHY_CHARS - 1)}…` : out;
}

/** cut(squeeze(clause), 140) by clause: thousands of findings share a policy's few clauses (kilobytes each). */
const clauses = new Map<string, string>();

function clauseShown(text: string): string {
  let shown = clauses.get(text);
  if (shown === undefined) {
    if (clauses.size >= 1024) clauses.clear();
    shown = cut(squeeze(text), 140);
    clauses.set(text, shown);
  }
  return shown;
}

function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const tail = Math.floor(max / 4);
  return `${s.slice(0, max - tail - 3)} … ${s.slice(-tail)}`;
}

function squeeze(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

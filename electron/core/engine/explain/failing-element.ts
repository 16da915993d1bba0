import type { FailingElement } from '../../model/explanation';
import type { Activation } from '../cel/compile-expression';
import { isUnknownValue } from '../cel/unknown-value';
import { entriesOf } from '../cel/values';
import type { MacroPlan } from './explain-plan';
import { renderSeen } from './render-value';
import { runProgram, truthOf } from './run-program';

const MAX_ELEMENTS = 10_000;

type Verdict = 'true' | 'false' | 'unknown' | 'error';

/**
 * The element that decided a macro the wrong way, by evaluating its predicate (or transform)
 * on each element with the macro's variable bound to it:
 * - all: the first element it does not hold for (false, error or unknown);
 * - exists: the first it holds for (`!list.exists(…)`), else the first that errs;
 * - exists_one: the second match, or the one match (`!list.exists_one(…)`), else the first that errs;
 * - filter: the first that errs, else the first kept (`filter(…).size() == 0`);
 * - map: the first whose predicate or transform errs.
 * null when no element is to blame (e.g. `exists` with no match: none of them is the culprit).
 */
export function failingElement(plan: MacroPlan, activation: Activation, partial: boolean): FailingElement | null {
  // A body that does not compile on its own (e.g. its variable shadows a policy variable) blames no element.
  if (plan.predicate?.ok === false || plan.transform?.ok === false) return null;
  const list = runProgram(plan.list, activation, partial);
  if (list.kind !== 'value' || isUnknownValue(list.value)) return null;
  const elements = elementsOf(list.value);
  if (!elements) return null;
  const { macro, variable } = plan.call;
  const bound: Activation & Record<string, unknown> = { ...activation };
  const verdicts: Verdict[] = [];
  const shown: string[] = [];
  for (let i = 0; i < elements.length; i++) {
    bound[variable] = elements[i]!.bound;
    verdicts.push(judge(plan, bound, activation, partial, shown, i));
  }
  const pick = choose(macro, verdicts);
  if (pick < 0) return null;
  const { index, value } = elements[pick]!;
  return { macro, variable, list: plan.call.list.text, index, value: renderSeen(value, activation), saw: shown[pick] ?? '' };
}

/** The verdict on element `i` (bound in `bound`), and in `shown[i]` what its predicate or transform gave. */
function judge(plan: MacroPlan, bound: Activation, activation: Activation, partial: boolean, shown: string[], i: number): Verdict {
  let v: Verdict = 'true';
  let saw = 'true';
  if (plan.predicate) {
    const o = runProgram(plan.predicate, bound, partial);
    v = truthOf(o);
    saw = o.kind === 'error' ? `<${o.message}>` : o.kind === 'unknown' ? '(known after apply)' : renderSeen(o.value, activation);
  }
  // map(v, p, t) transforms only the elements p keeps.
  if (plan.transform && (plan.predicate === null || v === 'true')) {
    const o = runProgram(plan.transform, bound, partial);
    if (o.kind !== 'value') v = o.kind;
    saw = o.kind === 'error' ? `<${o.message}>` : o.kind === 'unknown' ? '(known after apply)' : renderSeen(o.value, activation);
  }
  shown[i] = saw;
  return v;
}

function choose(macro: string, v: readonly Verdict[]): number {
  const broken = v.findIndex((x) => x === 'error' || x === 'unknown');
  const trues = v.flatMap((x, i) => (x === 'true' ? [i] : []));
  switch (macro) {
    case 'all':
      return v.findIndex((x) => x !== 'true');
    case 'exists':
      return trues.length > 0 ? trues[0]! : broken;
    case 'exists_one':
      return trues.length >= 2 ? trues[1]! : trues.length === 1 ? trues[0]! : broken;
    case 'filter':
      return broken >= 0 ? broken : trues.length > 0 ? trues[0]! : -1;
    default:
      return broken;
  }
}

interface Element {
  readonly index: number | string;
  /** What the macro's variable is bound to: a list's element, a map's key. */
  readonly bound: unknown;
  /** What the reader is shown: the element, or the map's value at that key. */
  readonly value: unknown;
}

function elementsOf(v: unknown): Element[] | null {
  if (Array.isArray(v)) return v.slice(0, MAX_ELEMENTS).map((x, i) => ({ index: i, bound: x, value: x }));
  if (typeof v !== 'object' || v === null || v instanceof Date || v instanceof Uint8Array) return null;
  return entriesOf(v).slice(0, MAX_ELEMENTS).map(([k, x]) => ({ index: k, bound: k, value: x }));
}

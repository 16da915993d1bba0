import type { Activation } from '../cel/compile-expression';
import { UnknownValueError } from '../cel/unknown-value';
import { describeError } from '../compile/describe-error';
import { printable } from '../../model/printable-text';
import type { Program } from './explain-plan';

/** What a program gave: its value, an unknown (known only after apply), or an error's text. */
export type Outcome = { readonly kind: 'value'; readonly value: unknown } | { readonly kind: 'unknown' } | { readonly kind: 'error'; readonly message: string };

/** Runs a program as the engine would on this resource (its partial twin when values are unknown). Never throws. */
export function runProgram(program: Program, activation: Activation, partial: boolean): Outcome {
  if (!program.ok) return { kind: 'error', message: oneLine(program.reason) };
  try {
    const e = program.expression;
    return { kind: 'value', value: partial ? e.runPartial(activation) : e.run(activation) };
  } catch (err) {
    if (err instanceof UnknownValueError) return { kind: 'unknown' };
    return { kind: 'error', message: oneLine(safeDescribe(err)) };
  }
}

/** The truth of a boolean program: 'true', 'false', 'unknown', or 'error' (anything not a bool included). */
export function truthOf(outcome: Outcome): 'true' | 'false' | 'unknown' | 'error' {
  if (outcome.kind !== 'value') return outcome.kind;
  return outcome.value === true ? 'true' : outcome.value === false ? 'false' : 'error';
}

function safeDescribe(err: unknown): string {
  try {
    return describeError(err);
  } catch {
    return 'unknown error';
  }
}

/** Error text is one printable line (it may quote vendor values, already masked). */
export function oneLine(s: string): string {
  const first = s.split('\n')[0] ?? '';
  return printable(first.length > 300 ? `${first.slice(0, 300)}…` : first);
}

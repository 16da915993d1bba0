import type { Policy } from '../../model/policy';

/**
 * CEL texts known to compile, per field: those of built-in pack policies the build compiled
 * (pack-cache.ts). compilePolicy compiles such a policy's CEL on first use instead of up
 * front, so a run pays only for the policies that match something. Keyed by field and text,
 * so an override (a copy of the policy) or the same text elsewhere is recognised too.
 */
const verified = new Set<string>();

type ExpressionField = 'condition' | 'message' | 'path';

function key(field: ExpressionField, text: string): string {
  return `${field}\u0000${text}`;
}

function fieldsOf(p: Policy): [ExpressionField, string][] {
  const out: [ExpressionField, string][] = [['condition', p.condition], ['message', p.message]];
  if (p.path !== undefined) out.push(['path', p.path]);
  return out;
}

export function markVerified(p: Policy): void {
  for (const [field, text] of fieldsOf(p)) verified.add(key(field, text));
}

/** True for a pack policy whose every CEL field is known to compile. */
export function isVerified(p: Policy): boolean {
  return p.pack !== '' && fieldsOf(p).every(([field, text]) => verified.has(key(field, text)));
}

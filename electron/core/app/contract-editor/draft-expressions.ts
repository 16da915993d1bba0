import { parseDocument } from 'yaml';
import { parseContract } from '../../engine';
import { checkExpression } from '../../engine/cel/diagnostics';
import type { CelDiagnostic, ExpressionField } from '../../engine/cel/diagnostics';

/**
 * The parameter names a policy of a draft declares. The draft usually loads; while the user is
 * mid-edit elsewhere it may not, and then the names are read from the raw YAML (own policies
 * only) so the check of this expression still works.
 */
function parameterNames(text: string, policyId: string): readonly string[] {
  try {
    const resolved = parseContract('(draft)', text);
    const p = resolved.policies.find((x) => x.id === policyId);
    if (p) return Object.keys(p.parameters);
  } catch {
    // fall through to the raw reading
  }
  try {
    const data = parseDocument(text, { uniqueKeys: false }).toJS({ maxAliasCount: 100 }) as { spec?: { policies?: unknown } } | null;
    const policies = Array.isArray(data?.spec?.policies) ? (data.spec.policies as unknown[]) : [];
    const own = policies.find((p): p is { id: string; parameters?: Record<string, unknown> } => typeof p === 'object' && p !== null && (p as { id?: unknown }).id === policyId);
    return own?.parameters && typeof own.parameters === 'object' ? Object.keys(own.parameters) : [];
  } catch {
    return [];
  }
}

/** Type-check diagnostics of one expression of one policy of a draft contract, with positions. Never throws. */
export function checkDraftExpression(text: string, policyId: string, field: ExpressionField, expression: string): readonly (CelDiagnostic & { readonly severity: 'error' })[] {
  return checkExpression(field, expression, parameterNames(text, policyId)).map((d) => ({ ...d, severity: 'error' as const }));
}

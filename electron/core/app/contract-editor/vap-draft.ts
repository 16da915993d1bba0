import { isMap, isSeq, parseDocument } from 'yaml';
import { parseContract } from '../../engine';
import { exportVap } from '../../engine/contract/vap/export-vap';
import { importVap } from '../../engine/contract/vap/import-vap';
import { NotFoundError } from '../../model/errors';
import { printable } from '../../model/printable-text';
import { editDraft } from './edit-draft';
import type { EditedDraft } from './edit-draft';

/**
 * Adds the policies of a ValidatingAdmissionPolicy file to a contract draft with the lossless
 * editor's `addPolicy` (every other byte of the draft stays as written). Nothing is saved: the
 * caller shows the draft, its problems and the notes (what to configure). A VAP that cannot be
 * imported exactly is refused with its line (InputError).
 */
export function importVapIntoDraft(input: { readonly contract: string; readonly text: string; readonly yaml: string }): { readonly draft: EditedDraft; readonly notes: readonly string[] } {
  const imported = importVap('the ValidatingAdmissionPolicy', input.yaml, draftPolicyIds(draftFile(input.contract), input.text));
  const draft = editDraft(input.text, imported.policies.map((policy) => ({ op: 'addPolicy' as const, policy: { ...policy } })));
  return { draft, notes: imported.notes };
}

/** One policy of a draft (own or from a pack) as ValidatingAdmissionPolicy YAML, or an InputError saying why it is not expressible. */
export function exportVapFromDraft(input: { readonly contract: string; readonly text: string; readonly policy: string }): { readonly yaml: string } {
  const resolved = parseContract(draftFile(input.contract), input.text);
  const policy = resolved.policies.find((p) => p.id === input.policy);
  if (!policy) throw new NotFoundError(`policy ${printable(input.policy)}`, `is not in contract ${printable(input.contract)}`);
  return { yaml: exportVap(policy, resolved.parameters[policy.id] ?? {}) };
}

function draftFile(contract: string): string {
  return `contract ${printable(contract)} (draft)`;
}

/** Ids of the draft's policies, read from the YAML even when the draft does not load yet. */
function draftPolicyIds(file: string, text: string): ReadonlySet<string> {
  try {
    return new Set(parseContract(file, text).policies.map((p) => p.id));
  } catch {
    const doc = parseDocument(text);
    const spec = isMap(doc.contents) ? doc.contents.get('spec', true) : null;
    const list = isMap(spec) ? spec.get('policies', true) : null;
    const items = isSeq(list) ? (list.toJSON() as unknown[]) : [];
    return new Set(items.flatMap((p) => (p && typeof p === 'object' && typeof (p as { id?: unknown }).id === 'string' ? [(p as { id: string }).id] : [])));
  }
}

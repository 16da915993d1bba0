import { isMap, isSeq, parseDocument } from 'yaml';
import type { ContractDraftDto } from '../../../shared/contract-editor-types';
import { parseContract } from '../../engine';
import { appendPolicies } from '../../engine/contract/vap/append-policies';
import { exportVap } from '../../engine/contract/vap/export-vap';
import { importVap } from '../../engine/contract/vap/import-vap';
import { InputError, NotFoundError } from '../../model/errors';
import { printable } from '../../model/printable-text';
import type { Workspace } from '../../store';
import { viewOfContract } from '../review/contract-view';
import { loadDraft } from './save-draft';

/**
 * Adds the policies of a ValidatingAdmissionPolicy file to a contract draft (nothing is
 * saved: the editor shows the draft, its problems and what to configure). A VAP that cannot
 * be imported exactly is refused with its line (InputError).
 */
export function importVapIntoDraft(ws: Workspace, input: { readonly contract: string; readonly text: string; readonly yaml: string }): ContractDraftDto {
  const file = draftFile(input.contract);
  const imported = importVap('the ValidatingAdmissionPolicy', input.yaml, draftPolicyIds(file, input.text));
  const text = appendPolicies(file, input.text, imported.policies);
  return { ...loadedDraft(ws, input.contract, text), changed: text !== input.text, notes: imported.notes };
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

/** The draft loaded for the editor: digest and view when it loads, else its problem with the line. */
function loadedDraft(ws: Workspace, contract: string, text: string): Omit<ContractDraftDto, 'changed'> {
  try {
    const resolved = loadDraft(draftFile(contract), text);
    const revision = ws.contracts.latestRevision(contract)?.revision ?? 0;
    return { text, digest: resolved.digest, problems: [], view: viewOfContract(resolved, text, revision) };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { text, digest: null, problems: [{ message: err.reason, ...(err.line !== undefined ? { line: err.line } : {}), ...(err.column !== undefined ? { column: err.column } : {}) }], view: null };
  }
}

/** Ids of the draft's own policies, read from the YAML even when the draft does not load yet. */
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

import { contractEditSchema } from '../../../base/contract-edits';
import type { ContractEdit } from '../../../base/contract-edits';
import { EditProblem, loadEditDocument } from './edit-document';
import type { EditContext, EditResult } from './edit-context';
import { addPack, removePack, setPackStandard, setPackVersion } from './pack-edits';
import { addPolicy, addTest, forkPolicy, removePolicy, removeTest, setPolicyField } from './policy-edits';
import { removeReviewer, revokeReviewer, upsertReviewer } from './roster-edits';
import { clearParameter, setApprovals, setMetadata, setOverride, setParameter, setVendorSignature } from './spec-edits';

export type { EditContext, EditProblemInfo, EditResult } from './edit-context';

function applyOne(text: string, e: ContractEdit, ctx: EditContext): string {
  switch (e.op) {
    case 'setParameter': return setParameter(text, e, ctx);
    case 'clearParameter': return clearParameter(text, e, ctx);
    case 'setOverride': return setOverride(text, e, ctx);
    case 'setPolicyField': return setPolicyField(text, e, ctx);
    case 'addPolicy': return addPolicy(text, e, ctx);
    case 'removePolicy': return removePolicy(text, e, ctx);
    case 'forkPolicy': return forkPolicy(text, e, ctx);
    case 'addTest': return addTest(text, e, ctx);
    case 'removeTest': return removeTest(text, e, ctx);
    case 'setApprovals': return setApprovals(text, e);
    case 'setVendorSignature': return setVendorSignature(text, e);
    case 'setMetadata': return setMetadata(text, e);
    case 'addPack': return addPack(text, e, ctx);
    case 'removePack': return removePack(text, e, ctx);
    case 'setPackVersion': return setPackVersion(text, e);
    case 'setPackStandard': return setPackStandard(text, e, ctx);
    case 'upsertReviewer': return upsertReviewer(text, e);
    case 'revokeReviewer': return revokeReviewer(text, e);
    case 'removeReviewer': return removeReviewer(text, e);
  }
}

/**
 * Applies `edits` in order to a contract's YAML text, in place: each edit replaces only the
 * bytes of the node it changes (inserting a missing parent where needed), so comments, key
 * order, quoting and untouched policies stay byte-identical, and every written string reads
 * back as exactly that string. A v1/v2 contract becomes v3 (its apiVersion line, and v1's
 * bare `extends` names) only when an edit writes a v3 field. The result is not validated as
 * a contract: the caller loads it. Never throws: a bad edit is a problem, with its line.
 */
export function applyContractEdits(text: string, edits: readonly ContractEdit[], ctx: EditContext): EditResult {
  let current = text;
  let index = 0;
  try {
    loadEditDocument(current);
    for (; index < edits.length; index++) {
      const parsed = contractEditSchema.safeParse(edits[index]);
      if (!parsed.success) throw new EditProblem(`invalid edit: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
      current = applyOne(current, parsed.data, ctx);
    }
    return { ok: true, text: current };
  } catch (err) {
    const prefix = edits.length > 1 && index < edits.length ? `edit ${index + 1} (${String((edits[index] as { op?: unknown }).op)}): ` : '';
    if (err instanceof EditProblem) {
      return { ok: false, problem: { ...(err.line !== undefined ? { line: err.line } : {}), message: prefix + err.message } };
    }
    return { ok: false, problem: { message: `${prefix}the edit failed: ${err instanceof Error ? err.message : String(err)}` } };
  }
}

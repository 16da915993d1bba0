import { parseDocument } from 'yaml';
import type { ContractEdit } from '../../base/contract-edits';
import { compileContract, parseContract } from '../../engine';
import type { ResolvedContract } from '../../engine';
import { applyContractEdits } from '../../engine/contract/edit/apply-contract-edits';
import type { EditContext, EditResult } from '../../engine/contract/edit/apply-contract-edits';
import { resolvePackVersion } from '../../engine/contract/pack-version';
import type { PolicyData } from '../../engine/contract/schemas';
import { packStandardOption } from './pack-catalog';
import { packsRoot } from '../../io/packs-root';
import { InputError } from '../../model/errors';
import type { Policy } from '../../model/policy';

/** Where a draft's problem is: the line in the draft text, when known. */
export interface DraftProblem {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export interface EditedDraft {
  readonly text: string;
  /** The draft loaded and compiled; null while it has problems. */
  readonly resolved: ResolvedContract | null;
  readonly problems: readonly DraftProblem[];
  /** False when the edits changed no byte. */
  readonly changed: boolean;
}

const DRAFT_FILE = 'draft contract';

/** A resolved pack policy as the policy schema writes it (what a fork copies). */
function policyData(p: Policy): PolicyData {
  return {
    id: p.id, title: p.title, description: p.description, severity: p.severity, enforcement: p.enforcement,
    // A fork starts enabled: disabling the original is what the fork does.
    enabled: true, match: structuredClone(p.match) as PolicyData['match'], parameters: Object.fromEntries(Object.entries(p.parameters).map(([k, v]) => [k, { ...v }])) as PolicyData['parameters'],
    condition: p.condition, message: p.message, ...(p.path !== undefined ? { path: p.path } : {}),
    remediation: p.remediation, tags: [...p.tags], tests: [],
  };
}

/**
 * The pack policies the draft extends. From the loaded draft when it loads; otherwise from
 * its `spec.extends` alone, so overrides and forks of pack policies still work while some
 * other part of the draft is mid-edit.
 */
function packPoliciesOf(text: string): ReadonlyMap<string, Policy> {
  try {
    return new Map(parseContract(DRAFT_FILE, text).policies.filter((p) => p.pack !== '').map((p) => [p.id, p]));
  } catch {
    // fall through
  }
  const out = new Map<string, Policy>();
  try {
    const data = parseDocument(text, { uniqueKeys: false }).toJS({ maxAliasCount: 100 }) as { spec?: { extends?: unknown } } | null;
    const entries = Array.isArray(data?.spec?.extends) ? (data.spec.extends as unknown[]) : [];
    const root = packsRoot();
    for (const e of entries) {
      const pin = typeof e === 'string' ? { pack: e, version: 1 } : (e as { pack?: unknown; version?: unknown });
      if (typeof pin.pack !== 'string' || typeof pin.version !== 'number') continue;
      try {
        for (const p of resolvePackVersion(pin.pack, pin.version, root, (reason) => new InputError(DRAFT_FILE, reason)).policies) out.set(p.id, p);
      } catch {
        // an unknown pack is reported when the draft loads
      }
    }
  } catch {
    // not YAML at all: no pack policies
  }
  return out;
}

/** Loads and compiles a draft; its problems as values (file = the draft, line where known). */
export function loadDraft(text: string): { resolved: ResolvedContract | null; problems: DraftProblem[] } {
  try {
    const resolved = parseContract(DRAFT_FILE, text);
    compileContract(resolved);
    return { resolved, problems: [] };
  } catch (err) {
    if (err instanceof InputError) {
      return { resolved: null, problems: [{ message: err.message, ...(err.line !== undefined ? { line: err.line } : {}), ...(err.column !== undefined ? { column: err.column } : {}) }] };
    }
    return { resolved: null, problems: [{ message: `the draft cannot be loaded: ${(err as Error).message}` }] };
  }
}

/**
 * Applies editor edits to a draft contract in place (engine/contract/edit: untouched bytes
 * stay as written) and loads the result. A refused edit leaves the text as it was and says
 * why; a draft that does not load is returned with its problems so the user can go on
 * editing it. Never throws.
 */
export function editDraft(text: string, edits: readonly ContractEdit[]): EditedDraft {
  const edited = edits.length === 0 ? { ok: true as const, text } : applyInSteps(text, edits);
  if (!edited.ok) {
    const loaded = loadDraft(text);
    return { text, resolved: loaded.resolved, problems: [{ message: edited.problem.message, ...(edited.problem.line !== undefined ? { line: edited.problem.line } : {}) }, ...loaded.problems], changed: false };
  }
  const loaded = loadDraft(edited.text);
  return { text: edited.text, resolved: loaded.resolved, problems: loaded.problems, changed: edited.text !== text };
}

/** The editor's view of the packs `text` extends (read once, on first use). */
function contextOf(text: string): EditContext {
  let packs: ReadonlyMap<string, Policy> | null = null;
  return {
    packPolicy: (id) => {
      packs ??= packPoliciesOf(text);
      const p = packs.get(id);
      return p ? policyData(p) : undefined;
    },
    packPolicyIds: (pack) => {
      packs ??= packPoliciesOf(text);
      return [...packs.values()].filter((p) => p.pack === pack).map((p) => p.id);
    },
    packStandardOption: (pack, version) => packStandardOption(pack, version),
  };
}

/**
 * The edits in order, all or nothing. An edit after addPack/removePack sees the packs as that
 * edit left them (the shelf adds a pack and tunes its policies in one batch), so the batch runs
 * in steps cut after each pack edit, each with the context of the text it starts from.
 */
function applyInSteps(text: string, edits: readonly ContractEdit[]): EditResult {
  let current = text;
  let start = 0;
  while (start < edits.length) {
    let end = start;
    while (end < edits.length && !isPackEdit(edits[end])) end++;
    end = Math.min(edits.length, end + 1);
    const r = applyContractEdits(current, edits.slice(start, end), contextOf(current));
    if (!r.ok) return start === 0 && end === edits.length ? r : { ok: false, problem: { ...r.problem, message: `edit ${start + 1}–${end}: ${r.problem.message}` } };
    current = r.text;
    start = end;
  }
  return { ok: true, text: current };
}

function isPackEdit(e: ContractEdit | undefined): boolean {
  return e?.op === 'addPack' || e?.op === 'removePack' || e?.op === 'setPackVersion' || e?.op === 'setPackStandard';
}

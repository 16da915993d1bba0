import type { ContractEdit, PolicyField } from '../../../base/contract-edits';
import { EditProblem, getIn } from './edit-document';
import type { EditContext } from './edit-context';
import { dataOf, deletePruning, lineAt, ownPolicyIndex, plainValue, requireOwnPolicy, write } from './contract-model';
import { POLICY_KEY_ORDER } from './key-order';
import type { Plain } from './render-value';
import { parametersNeedV3, policyNeedsV3, testNeedsV3, upgradeToV3 } from './upgrade-v3';
import { appendIn, deleteIn, setIn } from './write';

type Op<K extends ContractEdit['op']> = Extract<ContractEdit, { op: K }>;

const REQUIRED_FIELDS: ReadonlySet<PolicyField> = new Set(['title', 'severity', 'enforcement', 'condition']);
const STRING_FIELDS: ReadonlySet<PolicyField> = new Set(['title', 'description', 'severity', 'enforcement', 'condition', 'message', 'path', 'remediation']);
const MAP_FIELDS: ReadonlySet<PolicyField> = new Set(['match', 'parameters']);

function kindProblem(field: PolicyField, value: unknown): string | null {
  if (STRING_FIELDS.has(field) && typeof value !== 'string') return `${field} must be a string`;
  if (field === 'enabled' && typeof value !== 'boolean') return 'enabled must be true or false';
  if (MAP_FIELDS.has(field) && (typeof value !== 'object' || value === null || Array.isArray(value))) return `${field} must be a mapping`;
  return null;
}

export function setPolicyField(text: string, e: Op<'setPolicyField'>, ctx: EditContext): string {
  const i = requireOwnPolicy(text, e.policy, ctx);
  const path = ['spec', 'policies', i, e.field];
  const what = `${e.field} of policy "${e.policy}"`;
  if (e.value === null) {
    if (REQUIRED_FIELDS.has(e.field)) throw new EditProblem(`${what} is required and cannot be removed`, lineAt(text, path));
    return deleteIn(text, path, write(what));
  }
  const problem = kindProblem(e.field, e.value);
  if (problem) throw new EditProblem(`policy "${e.policy}": ${problem}`, lineAt(text, path));
  const value = plainValue(e.value, what);
  const base = e.field === 'parameters' && parametersNeedV3(value) ? upgradeToV3(text) : text;
  return setIn(base, path, value, write(what));
}

function requireNewId(text: string, id: string, ctx: EditContext): void {
  const existing = ownPolicyIndex(text, id);
  if (existing >= 0) throw new EditProblem(`policy "${id}" already exists in this contract`, lineAt(text, ['spec', 'policies', existing]));
  if (ctx.packPolicy(id)) throw new EditProblem(`policy "${id}" already exists in an extended pack; choose another id`);
}

export function addPolicy(text: string, e: Op<'addPolicy'>, ctx: EditContext): string {
  const id = e.policy.id as string;
  requireNewId(text, id, ctx);
  const policy = plainValue(e.policy, `policy "${id}"`);
  const base = policyNeedsV3(policy) ? upgradeToV3(text) : text;
  return appendIn(base, ['spec', 'policies'], policy, write(`policy "${id}"`, 2));
}

export function removePolicy(text: string, e: Op<'removePolicy'>, ctx: EditContext): string {
  const i = requireOwnPolicy(text, e.policy, ctx);
  let out = deleteIn(text, ['spec', 'policies', i], write(`policy "${e.policy}"`));
  // Its override and parameter entries would name an unknown policy (a load error): they go too.
  out = deletePruning(out, ['spec', 'overrides', e.policy], `the override of "${e.policy}"`);
  return deletePruning(out, ['spec', 'parameters', e.policy], `the parameters of "${e.policy}"`);
}

function isEmptyDefault(key: string, v: unknown): boolean {
  if (v === undefined || v === '' || (key === 'enabled' && v === true)) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && v !== null && Object.keys(v).length === 0;
}

/**
 * A pack policy's data as an own policy mapping named `id`: fields in the usual order, empty
 * defaults left out, and tests that read files of the pack's folder dropped (a contract's
 * tests carry their resource inline).
 */
function forkedMapping(data: Readonly<Record<string, unknown>>, id: string): Plain {
  const keys = [...POLICY_KEY_ORDER, ...Object.keys(data).filter((k) => !POLICY_KEY_ORDER.includes(k))];
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = k === 'id' ? id : k === 'tests' && Array.isArray(data.tests) ? data.tests.filter(testNeedsV3) : data[k];
    if (!isEmptyDefault(k, v) || k === 'id') out[k] = v;
  }
  return plainValue(out, `policy "${id}"`);
}

export function forkPolicy(text: string, e: Op<'forkPolicy'>, ctx: EditContext): string {
  const data = ctx.packPolicy(e.from);
  if (!data) {
    const own = ownPolicyIndex(text, e.from);
    throw new EditProblem(own >= 0 ? `policy "${e.from}" is already an own policy; edit it directly` : `unknown pack policy "${e.from}"`, own >= 0 ? lineAt(text, ['spec', 'policies', own]) : undefined);
  }
  requireNewId(text, e.id, ctx);
  const policy = forkedMapping(data as unknown as Record<string, unknown>, e.id);
  let out = policyNeedsV3(policy) ? upgradeToV3(text) : text;
  out = appendIn(out, ['spec', 'policies'], policy, write(`policy "${e.id}"`, 2));
  // The contract's values for the original's parameters carry over, so the fork decides alike.
  const params = getIn(dataOf(out), ['spec', 'parameters', e.from]);
  if (typeof params === 'object' && params !== null && Object.keys(params).length > 0) {
    out = setIn(out, ['spec', 'parameters', e.id], plainValue(params, `the parameters of "${e.from}"`), write(`the parameters of "${e.id}"`));
  }
  return setIn(out, ['spec', 'overrides', e.from, 'enabled'], false, write(`the override of "${e.from}"`));
}

function testsOf(text: string, i: number): readonly unknown[] {
  const tests = getIn(dataOf(text), ['spec', 'policies', i, 'tests']);
  return Array.isArray(tests) ? tests : [];
}

const testName = (t: unknown): unknown => (typeof t === 'object' && t !== null ? (t as { name?: unknown }).name : undefined);

export function addTest(text: string, e: Op<'addTest'>, ctx: EditContext): string {
  const i = requireOwnPolicy(text, e.policy, ctx);
  const existing = testsOf(text, i).findIndex((t) => testName(t) === e.test.name);
  if (existing >= 0) throw new EditProblem(`policy "${e.policy}" already has a test named ${JSON.stringify(e.test.name)}`, lineAt(text, ['spec', 'policies', i, 'tests', existing]));
  const test = plainValue(e.test, `test ${JSON.stringify(e.test.name)}`);
  const base = testNeedsV3(test) ? upgradeToV3(text) : text;
  return appendIn(base, ['spec', 'policies', i, 'tests'], test, write(`a test of policy "${e.policy}"`, 2));
}

export function removeTest(text: string, e: Op<'removeTest'>, ctx: EditContext): string {
  const i = requireOwnPolicy(text, e.policy, ctx);
  const t = testsOf(text, i).findIndex((x) => testName(x) === e.name);
  if (t < 0) throw new EditProblem(`policy "${e.policy}" has no test named ${JSON.stringify(e.name)}`, lineAt(text, ['spec', 'policies', i]));
  return deleteIn(text, ['spec', 'policies', i, 'tests', t], write(`test ${JSON.stringify(e.name)}`));
}

import { isObject } from '../loaders/terraform/plan-format';
import type { JsonObject } from '../loaders/terraform/plan-format';
import { MAX_NESTING } from '../loaders/terraform/entry-locations';
import { InputError } from '../model/errors';
import type { SourceLocation } from '../model/resource-change';
import type { AddressPosition } from './snapshot-json';

/** One resource instance of `terraform show -json` state output (values raw: not yet masked). */
export interface StateResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  /** Module address ('' for the root module). */
  readonly module: string;
  /** '' for the current object; the deposed key of an object left by a create_before_destroy. */
  readonly deposedKey: string;
  readonly values: unknown;
  /** `sensitive_values`: true where a value is sensitive (the state shows it in clear). */
  readonly sensitiveMarker: unknown;
  readonly location: SourceLocation;
}

/** Keys only a plan has: state with one of them is not state. */
const PLAN_ONLY_KEYS = ['resource_changes', 'resource_drift', 'planned_values', 'prior_state', 'output_changes'];

/**
 * The resources of `terraform show -json` (state, no plan file): `values.root_module`, its
 * `resources` and, recursively, its `child_modules`. Every entry is checked (a malformed one is
 * an InputError, never skipped), and an address may appear once (a deposed object once per key).
 */
export function readStateResources(file: string, state: unknown, addresses: readonly AddressPosition[]): StateResource[] {
  if (!isObject(state)) throw new InputError(file, 'not Terraform state: expected the JSON object `terraform show -json` writes', 1, 1);
  if (PLAN_ONLY_KEYS.some((k) => Object.hasOwn(state, k))) throw new InputError(file, 'this is a Terraform plan, not state (`terraform show -json` without a plan file)', 1, 1);
  const version = state.format_version;
  if (typeof version !== 'string' || !/^(0\.[1-9]\d{0,3}|1\.\d{1,4})$/.test(version)) {
    throw new InputError(file, `unsupported state format_version ${typeof version === 'string' ? JSON.stringify(version.slice(0, 20)) : '(missing or not a string)'}: this version of Countersign reads format 0.1 up to 1.x`, 1, 1);
  }
  const positions = new Map<string, AddressPosition[]>();
  for (const p of addresses) {
    const list = positions.get(p.address);
    if (list) list.push(p);
    else positions.set(p.address, [p]);
  }
  const values = state.values;
  if (values === undefined || values === null) return [];
  if (!isObject(values)) throw new InputError(file, '"values" must be an object', 1, 1);
  const root = values.root_module;
  if (root === undefined || root === null) return [];
  const out: StateResource[] = [];
  readModule(file, root, '', 0, positions, out);
  const seen = new Set<string>();
  for (const r of out) {
    const id = `${r.address}\u0000${r.deposedKey}`;
    if (seen.has(id)) throw new InputError(file, `${r.address} appears twice in the state: readers disagree on which one counts`, r.location.line, r.location.column);
    seen.add(id);
  }
  return out;
}

function readModule(file: string, module: unknown, at: string, depth: number, positions: Map<string, AddressPosition[]>, out: StateResource[]): void {
  if (depth > MAX_NESTING) throw new InputError(file, `modules nested deeper than ${MAX_NESTING} levels`);
  if (!isObject(module)) throw new InputError(file, `${at || 'root_module'}: a module must be an object`);
  const address = module.address ?? '';
  if (typeof address !== 'string') throw new InputError(file, `${at || 'root_module'}: "address" must be a string`);
  for (const entry of list(file, module, 'resources', address)) out.push(readResource(file, entry, address, positions));
  for (const child of list(file, module, 'child_modules', address)) readModule(file, child, address, depth + 1, positions, out);
}

function list(file: string, module: JsonObject, key: string, address: string): readonly unknown[] {
  const v = module[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new InputError(file, `${address || 'root_module'}: "${key}" must be a list`);
  return v;
}

function readResource(file: string, entry: unknown, module: string, positions: Map<string, AddressPosition[]>): StateResource {
  const where = module || 'root_module';
  if (!isObject(entry)) throw new InputError(file, `${where}: a resource must be an object`);
  const address = entry.address;
  if (typeof address !== 'string' || address === '') throw new InputError(file, `${where}: a resource needs a non-empty "address"`);
  const at = positions.get(address)?.shift();
  const location: SourceLocation = { file, line: at?.line ?? 1, column: at?.column ?? 1 };
  const fail = (reason: string): never => {
    throw new InputError(file, `${address}: ${reason}`, location.line, location.column);
  };
  const mode = entry.mode ?? 'managed';
  if (mode !== 'managed' && mode !== 'data') fail('"mode" must be "managed" or "data"');
  const type = entry.type;
  if (typeof type !== 'string' || type === '') fail('"type" must be a non-empty string');
  const name = entry.name;
  if (typeof name !== 'string') fail('"name" must be a string');
  const provider = entry.provider_name ?? '';
  if (typeof provider !== 'string') fail('"provider_name" must be a string');
  const deposed = entry.deposed_key ?? '';
  if (typeof deposed !== 'string') fail('"deposed_key" must be a string');
  const values = entry.values ?? null;
  if (values !== null && !isObject(values)) fail('"values" must be an object');
  return {
    address, mode: mode as 'managed' | 'data', type: type as string, name: name as string, provider: provider as string, module,
    deposedKey: deposed as string, values, sensitiveMarker: entry.sensitive_values, location,
  };
}

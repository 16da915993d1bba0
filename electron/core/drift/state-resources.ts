import { isObject } from '../loaders/terraform/plan-format';
import type { JsonObject } from '../loaders/terraform/plan-format';
import { MAX_NESTING } from '../loaders/terraform/entry-locations';
import { InputError } from '../model/errors';
import type { SourceLocation } from '../model/resource-change';
import type { TextPosition } from './snapshot-json';

/** The keys that lead to state resources: positions are recorded along them (snapshot-json.ts). */
export const STATE_STRUCTURE: ReadonlySet<string> = new Set(['values', 'root_module', 'resources', 'child_modules']);

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
export function readStateResources(file: string, state: unknown, positions: ReadonlyMap<string, TextPosition>): StateResource[] {
  const at = (path: string): Where => ({ file, path, position: positions.get(path) });
  if (!isObject(state)) throw fail(at(''), 'not Terraform state: expected the JSON object `terraform show -json` writes');
  if (PLAN_ONLY_KEYS.some((k) => Object.hasOwn(state, k))) throw fail(at(''), 'this is a Terraform plan, not state (`terraform show -json` without a plan file)');
  const version = state.format_version;
  if (typeof version !== 'string' || !/^(0\.[1-9]\d{0,3}|1\.\d{1,4})$/.test(version)) {
    throw fail(at(''), `unsupported state format_version ${typeof version === 'string' ? JSON.stringify(version.slice(0, 20)) : '(missing or not a string)'}: this version of Countersign reads format 0.1 up to 1.x`);
  }
  const values = state.values;
  if (values === undefined || values === null) return [];
  if (!isObject(values)) throw fail(at(''), '"values" must be an object');
  const root = values.root_module;
  if (root === undefined || root === null) return [];
  const out: StateResource[] = [];
  readModule(root, 'values.root_module', '', 0, at, out);
  const seen = new Set<string>();
  for (const r of out) {
    const id = `${r.address}\u0000${r.deposedKey}`;
    if (seen.has(id)) throw new InputError(file, `${r.address} appears twice in the state: readers disagree on which one counts`, r.location.line, r.location.column);
    seen.add(id);
  }
  return out;
}

/** A place in the state: its structural path and, when the scan saw it, its position. */
interface Where {
  readonly file: string;
  readonly path: string;
  readonly position: TextPosition | undefined;
}

function fail(where: Where, reason: string): InputError {
  // Without a position (never for well-formed paths), the nearest line we can name is the first.
  return new InputError(where.file, reason, where.position?.line ?? 1, where.position?.column ?? 1);
}

function readModule(module: unknown, path: string, parent: string, depth: number, at: (path: string) => Where, out: StateResource[]): void {
  const where = at(path);
  if (depth > MAX_NESTING) throw fail(where, `modules nested deeper than ${MAX_NESTING} levels`);
  if (!isObject(module)) throw fail(where, `${parent || 'root_module'}: a module must be an object`);
  const address = module.address ?? '';
  if (typeof address !== 'string') throw fail(where, `${parent || 'root_module'}: "address" must be a string`);
  list(module, 'resources', where, address).forEach((entry, i) => out.push(readResource(entry, address, at(`${path}.resources[${i}]`))));
  list(module, 'child_modules', where, address).forEach((child, i) => readModule(child, `${path}.child_modules[${i}]`, address, depth + 1, at, out));
}

function list(module: JsonObject, key: string, where: Where, address: string): readonly unknown[] {
  const v = module[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw fail(where, `${address || 'root_module'}: "${key}" must be a list`);
  return v;
}

function readResource(entry: unknown, module: string, where: Where): StateResource {
  const inModule = module || 'root_module';
  if (!isObject(entry)) throw fail(where, `${inModule}: a resource must be an object`);
  const address = entry.address;
  if (typeof address !== 'string' || address === '') throw fail(where, `${inModule}: a resource needs a non-empty "address"`);
  const location: SourceLocation = { file: where.file, line: where.position?.line ?? 1, column: where.position?.column ?? 1 };
  const bad = (reason: string): never => {
    throw fail(where, `${address}: ${reason}`);
  };
  const mode = entry.mode ?? 'managed';
  if (mode !== 'managed' && mode !== 'data') bad('"mode" must be "managed" or "data"');
  const type = entry.type;
  if (typeof type !== 'string' || type === '') bad('"type" must be a non-empty string');
  const name = entry.name;
  if (typeof name !== 'string') bad('"name" must be a string');
  const provider = entry.provider_name ?? '';
  if (typeof provider !== 'string') bad('"provider_name" must be a string');
  const deposed = entry.deposed_key ?? '';
  if (typeof deposed !== 'string') bad('"deposed_key" must be a string');
  const values = entry.values ?? null;
  if (values !== null && !isObject(values)) bad('"values" must be an object');
  return {
    address, mode: mode as 'managed' | 'data', type: type as string, name: name as string, provider: provider as string, module,
    deposedKey: deposed as string, values, sensitiveMarker: entry.sensitive_values, location,
  };
}

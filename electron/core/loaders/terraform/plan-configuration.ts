import { isObject } from './plan-format';
import type { JsonObject } from './plan-format';

/**
 * The parts of a plan's `configuration` section (Terraform's JSON output format, "Configuration
 * Representation") that tell which resource refers to which: each resource's expressions
 * (`references` only, never values) and its `count` / `for_each` expression, per module path.
 * The section is the vendor's like every byte of the plan: nothing here is trusted to be
 * well formed, and a section that is not the documented shape is not used at all (every
 * reference then counts as unresolved: fail closed).
 */
export interface ConfigResource {
  /** Top-level argument name → every reference written anywhere inside it (nested blocks too). */
  readonly expressions: ReadonlyMap<string, readonly string[]>;
  /** References of `count` / `for_each`, undefined when the resource has neither. */
  readonly countRefs?: readonly string[];
  readonly forEachRefs?: readonly string[];
  /**
   * `count = <number>`: the number as text, for pairing two resources counted alike. The only
   * constant value read (the parallel loader's worker keeps no other: plan-check-worker.ts).
   */
  readonly countConstant?: string;
}

export interface PlanConfiguration {
  /** Key: configKey(module names, mode, type, name). */
  readonly resources: ReadonlyMap<string, ConfigResource>;
  /** Module calls by callKey(module names down to the call): their arguments (input variables) and count/for_each. */
  readonly calls: ReadonlyMap<string, ConfigResource>;
}

/** The key of the module call that `modules` (call names from the root) ends with. */
export function callKey(modules: readonly string[]): string {
  return modules.join('\u0000');
}

/** Why a plan's configuration cannot be used (shown in the unknown finding). */
export type ConfigurationProblem = 'the plan has no configuration section' | 'the plan\'s configuration section is not in the documented shape'
  | 'the plan\'s configuration section is not valid JSON';

/** Deeper module nesting than any real configuration: not read (a hostile plan could nest thousands). */
const MAX_MODULE_DEPTH = 64;
/** Nesting of blocks inside one argument that the reference walk follows. */
const MAX_BLOCK_DEPTH = 32;

class ShapeError extends Error {}

/** The resource key inside a module path (module call names, no instance keys). */
export function configKey(modules: readonly string[], mode: 'managed' | 'data', type: string, name: string): string {
  return `${modules.join('\u0000')}\u0001${mode === 'data' ? 'data.' : ''}${type}.${name}`;
}

/** A plan's `configuration` section (as parsed), or why there is none to use. */
export function readPlanConfiguration(section: unknown): PlanConfiguration | ConfigurationProblem {
  if (section === undefined || section === null) return 'the plan has no configuration section';
  try {
    if (!isObject(section)) throw new ShapeError();
    const resources = new Map<string, ConfigResource>();
    const calls = new Map<string, ConfigResource>();
    const root = section.root_module;
    if (root !== undefined && root !== null) readModule(root, [], resources, calls);
    return { resources, calls };
  } catch (err) {
    if (err instanceof ShapeError) return 'the plan\'s configuration section is not in the documented shape';
    throw err;
  }
}

function readModule(module: unknown, path: readonly string[], into: Map<string, ConfigResource>, calls: Map<string, ConfigResource>): void {
  if (!isObject(module)) throw new ShapeError();
  if (path.length > MAX_MODULE_DEPTH) throw new ShapeError();
  const resources = module.resources ?? [];
  if (!Array.isArray(resources)) throw new ShapeError();
  for (const r of resources) {
    if (!isObject(r)) throw new ShapeError();
    const mode = r.mode ?? 'managed';
    if ((mode !== 'managed' && mode !== 'data') || typeof r.type !== 'string' || typeof r.name !== 'string') throw new ShapeError();
    const key = configKey(path, mode, r.type, r.name);
    // Two configurations of one resource: which one Terraform used is unknown.
    if (into.has(key)) throw new ShapeError();
    into.set(key, readResource(r));
  }
  const children = module.module_calls ?? {};
  if (!isObject(children)) throw new ShapeError();
  for (const name of Object.keys(children)) {
    const call = children[name];
    if (!isObject(call)) throw new ShapeError();
    calls.set(callKey([...path, name]), readResource(call));
    if (call.module !== undefined && call.module !== null) readModule(call.module, [...path, name], into, calls);
  }
}

function readResource(r: JsonObject): ConfigResource {
  const expressions = new Map<string, readonly string[]>();
  const exprs = r.expressions ?? {};
  if (!isObject(exprs)) throw new ShapeError();
  for (const attr of Object.keys(exprs)) {
    const refs: string[] = [];
    collectReferences(exprs[attr], 0, refs);
    if (refs.length > 0) expressions.set(attr, refs);
  }
  const count = r.count_expression;
  const forEach = r.for_each_expression;
  return {
    expressions,
    ...(count !== undefined && count !== null ? { countRefs: expressionRefs(count) } : {}),
    ...(forEach !== undefined && forEach !== null ? { forEachRefs: expressionRefs(forEach) } : {}),
    ...(isObject(count) && typeof count.constant_value === 'number' ? { countConstant: String(count.constant_value) } : {}),
  };
}

function expressionRefs(expression: unknown): readonly string[] {
  if (!isObject(expression)) throw new ShapeError();
  const refs: string[] = [];
  collectReferences(expression, 0, refs);
  return refs;
}

/**
 * Every `references` list inside one argument's expression: an expression object
 * (`{references: [...]}` and/or `{constant_value: …}`), or a nested block (a list of, or one,
 * map of argument → expression). A constant value is data, never a reference.
 */
function collectReferences(value: unknown, depth: number, out: string[]): void {
  if (depth > MAX_BLOCK_DEPTH) throw new ShapeError();
  if (Array.isArray(value)) {
    for (const v of value) collectReferences(v, depth + 1, out);
    return;
  }
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (key === 'constant_value') continue;
    // A nested block may itself be named "references": only a list of strings is an
    // expression's reference list; anything else is walked as a block.
    if (key === 'references' && Array.isArray(v) && v.every((ref) => typeof ref === 'string')) out.push(...(v as string[]));
    else collectReferences(v, depth + 1, out);
  }
}

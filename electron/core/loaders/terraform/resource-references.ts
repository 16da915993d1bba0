import type { ResourceChange, ResourceReference, UnresolvedReference } from '../../model/resource-change';
import { callKey, configKey, readPlanConfiguration } from './plan-configuration';
import type { ConfigResource, PlanConfiguration } from './plan-configuration';
import { childModulePrefix, parseModuleAddress, parseReference } from './reference-syntax';
import type { InstanceKey, ParsedReference } from './reference-syntax';

/**
 * Which resource of a plan refers to which (docs/contract-format.md, "resource fields"): each
 * Terraform resource gets `referencedBy` (the resources whose configuration refers to it, and
 * through which argument), `referencesUnresolved` (resources that may refer to it but could
 * not be resolved to it or away from it) and `planTypes`.
 *
 * At plan time a reference's value is usually unknown (`bucket = aws_s3_bucket.b.id` is "known
 * after apply" for a new bucket), so the link comes from the plan's `configuration` section:
 * an argument's `references`, which are relative to the referring resource's module instance.
 * A reference is resolved only to ONE instance: no index on a resource with one instance, a
 * literal index (`aws_s3_bucket.b[0]`), or a count/for_each pair (`aws_s3_bucket.b[each.key]`
 * or `each.value` over `for_each = aws_s3_bucket.b`, or two resources counted / iterated over
 * the same expression); `var.x` in a module is followed into the call's argument `x` in the
 * parent module instance. Everything else — a dynamic index, a module output, a `local`, a
 * conditional over several resources, no usable configuration — is unresolved and fails closed:
 * the resources it may point at get an entry in `referencesUnresolved` (every resource of
 * the plan, when nothing narrows it down), which policies read as unknown (resource-view.ts).
 * Where the argument's value is known, it decides: a known value that equals none of the
 * target's known identifiers (`id`, the same-named argument, the attribute referred to) is a
 * reference to something else. S3 bucket sub-resources (`aws_s3_bucket_*`) also match a bucket
 * by a known `bucket` name, written as a literal or not.
 */
export interface ReferenceFields {
  readonly referencedBy: readonly ResourceReference[];
  readonly referencesUnresolved: readonly UnresolvedReference[];
  readonly planTypes: readonly string[];
}

/** More unresolved referrers than this change nothing (one makes the answer unknown): the list is cut. */
export const MAX_UNRESOLVED = 20;

const NONE: readonly never[] = Object.freeze([]);

/** A resource_changes entry placed in its module instance. */
interface Instance {
  readonly rc: ResourceChange;
  readonly moduleAddress: string;
  /** Module call names (no keys); undefined when `module_address` is not an address. */
  readonly modules: readonly string[] | undefined;
  readonly key: InstanceKey;
}

/**
 * Where references are written: a module instance, the key of the thing iterated there (the
 * referring resource's, or a module instance's for its call's arguments) and what it iterates over.
 */
interface Scope {
  readonly moduleAddress: string;
  readonly modules: readonly string[];
  readonly key: InstanceKey;
  readonly iteration: Pick<ConfigResource, 'forEachRefs' | 'countRefs' | 'countConstant'>;
}

/** What some references name: for sure, possibly, and whether a value comes from somewhere not followed. */
interface Resolution {
  readonly definite: Instance[];
  readonly maybe: Instance[];
  readonly opaque: boolean;
  readonly attributesOf: Map<Instance, ReadonlySet<string>>;
}

/** The references of one argument to one resource (all its instances). */
interface Group {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly keys: Set<InstanceKey>;
  readonly attributes: Set<string>;
}

/** Module calls a variable is followed through, at most (a chain of var → var → … arguments). */
const MAX_VARIABLE_DEPTH = 16;

/** What one resource collects. */
interface Collected {
  readonly by: ResourceReference[];
  readonly seen: Set<string>;
  readonly unresolved: Map<string, UnresolvedReference>;
}

/** Reads a plan's `configuration` section when first needed (it may throw: then it is unusable). */
export type ConfigurationSource = () => unknown;

/**
 * The reference fields of every resource of a plan, in the order of `resources`
 * (resource_changes entries then resource_drift entries, as normalize-plan.ts builds them);
 * `keys` are the instance keys (`index`) of the resource_changes entries.
 */
export function planReferences(configuration: ConfigurationSource, keys: readonly InstanceKey[], resources: readonly ResourceChange[]): ReferenceFields[] {
  const instances = resources.slice(0, keys.length).map((rc, i) => placeInstance(rc, keys[i]));
  return new ReferenceResolver(configuration, instances).run(resources);
}

/** The instance key of a resource_changes entry (its `index`), undefined for none or another value. */
export function instanceKeyOf(entry: unknown): InstanceKey {
  const index = typeof entry === 'object' && entry !== null ? (entry as { index?: unknown }).index : undefined;
  return typeof index === 'number' || typeof index === 'string' ? index : undefined;
}

/** One plan's resources, until their reference fields are first read. */
interface PlanLinks {
  configuration: ConfigurationSource | undefined;
  readonly keys: readonly InstanceKey[];
  readonly resources: readonly ResourceChange[];
  fields?: readonly ReferenceFields[];
}

const LINKS = new WeakMap<ResourceChange, { readonly plan: PlanLinks; readonly index: number }>();

function fieldsOf(rc: ResourceChange): ReferenceFields {
  const link = LINKS.get(rc);
  if (!link) return { referencedBy: NONE, referencesUnresolved: NONE, planTypes: NONE };
  const plan = link.plan;
  if (!plan.fields) {
    plan.fields = planReferences(plan.configuration ?? (() => undefined), plan.keys, plan.resources);
    plan.configuration = undefined; // the parsed section is not kept once read
  }
  return plan.fields[link.index] as ReferenceFields;
}

const REFERENCE_PROPERTIES: PropertyDescriptorMap = Object.freeze({
  referencedBy: Object.freeze({ get(this: ResourceChange) { return fieldsOf(this).referencedBy; }, enumerable: true }),
  referencesUnresolved: Object.freeze({ get(this: ResourceChange) { return fieldsOf(this).referencesUnresolved; }, enumerable: true }),
  planTypes: Object.freeze({ get(this: ResourceChange) { return fieldsOf(this).planTypes; }, enumerable: true }),
});

/**
 * Gives a plan's resources their reference fields, computed for the whole plan when one of them
 * is first read: a big plan whose contract reads none of them never parses its configuration
 * (the parallel loader leaves it to a worker) nor resolves a reference. Enumerable like the
 * other fields; shared getters, as normalize-plan.ts's `locate`.
 */
export function attachReferenceFields(resources: readonly ResourceChange[], keys: readonly InstanceKey[], configuration: ConfigurationSource): void {
  const plan: PlanLinks = { configuration, keys, resources };
  for (let i = 0; i < resources.length; i++) {
    const rc = resources[i] as ResourceChange;
    LINKS.set(rc, { plan, index: i });
    Object.defineProperties(rc, REFERENCE_PROPERTIES);
  }
}

function placeInstance(rc: ResourceChange, key: InstanceKey): Instance {
  const steps = parseModuleAddress(rc.module);
  return { rc, moduleAddress: rc.module, modules: steps?.map((s) => s.name), key };
}

function localKey(mode: string, type: string, name: string): string {
  return `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
}

class ReferenceResolver {
  private readonly config: PlanConfiguration | string;
  private readonly byResource = new Map<string, Instance[]>();
  private readonly bucketsByName = new Map<string, Instance[]>();
  private readonly subtrees = new Map<string, Instance[]>();
  private readonly collected = new Map<Instance, Collected>();
  private readonly everywhere = new Map<string, UnresolvedReference>();

  constructor(configuration: ConfigurationSource, private readonly instances: readonly Instance[]) {
    let section: unknown;
    try {
      section = configuration();
      this.config = readPlanConfiguration(section);
    } catch {
      this.config = 'the plan\'s configuration section is not valid JSON';
    }
    for (const inst of instances) {
      const k = `${inst.moduleAddress}\u0001${localKey(inst.rc.mode, inst.rc.type, inst.rc.name)}`;
      const list = this.byResource.get(k);
      if (list) list.push(inst);
      else this.byResource.set(k, [inst]);
      if (inst.rc.type === 'aws_s3_bucket' && inst.rc.mode === 'managed') {
        for (const name of new Set([knownString(inst.rc, 'bucket'), knownString(inst.rc, 'id')])) {
          if (name === undefined || name === '') continue;
          const named = this.bucketsByName.get(name);
          if (named) named.push(inst);
          else this.bucketsByName.set(name, [inst]);
        }
      }
    }
  }

  run(resources: readonly ResourceChange[]): ReferenceFields[] {
    if (typeof this.config === 'string') this.addEverywhere({ address: '', type: '', attribute: '', reason: this.config });
    for (const s of this.instances) {
      const rc = s.rc;
      // A resource being deleted, a data source or drift refers to nothing after apply.
      if (rc.mode !== 'managed' || rc.action === 'delete' || rc.drift) continue;
      this.linkByBucketName(s);
      if (typeof this.config === 'string') continue;
      if (!s.modules) {
        this.addEverywhere({ address: rc.address, type: rc.type, attribute: '', reason: 'module address not understood' });
        continue;
      }
      const cfg = this.config.resources.get(configKey(s.modules, 'managed', rc.type, rc.name));
      if (!cfg) {
        this.addEverywhere({ address: rc.address, type: rc.type, attribute: '', reason: 'not in the plan\'s configuration' });
        continue;
      }
      for (const [attribute, refs] of cfg.expressions) this.resolveArgument(s, cfg, attribute, refs);
    }
    const planTypes = Object.freeze([...new Set(this.instances
      .filter((i) => i.rc.mode === 'managed' && i.rc.action !== 'delete' && !i.rc.drift)
      .map((i) => i.rc.type))].sort());
    const everywhere = Object.freeze([...this.everywhere.values()].slice(0, MAX_UNRESOLVED));
    const byAddress = new Map<string, ReferenceFields>();
    const out: ReferenceFields[] = [];
    for (let i = 0; i < resources.length; i++) {
      const rc = resources[i] as ResourceChange;
      const inst = this.instances[i];
      let fields: ReferenceFields | undefined;
      if (inst) {
        const c = this.collected.get(inst);
        fields = {
          referencedBy: c ? Object.freeze(c.by) : NONE,
          referencesUnresolved: c && c.unresolved.size > 0 ? Object.freeze([...new Map([...c.unresolved, ...this.everywhere]).values()].slice(0, MAX_UNRESOLVED)) : everywhere,
          planTypes,
        };
        if (!byAddress.has(rc.address)) byAddress.set(rc.address, fields);
      } else {
        // resource_drift: the links of the same resource's planned change.
        fields = byAddress.get(rc.address) ?? { referencedBy: NONE, referencesUnresolved: everywhere, planTypes };
      }
      out.push(fields);
    }
    return out;
  }

  /** One argument of a referring resource: its references, resolved as the class comment says. */
  private resolveArgument(s: Instance, cfg: ConfigResource, attribute: string, refs: readonly string[]): void {
    const scope: Scope = { moduleAddress: s.moduleAddress, modules: s.modules ?? [], key: s.key, iteration: cfg };
    const { definite, maybe, opaque, attributesOf } = this.resolveRefs(scope, refs, 0);
    const known = knownString(s.rc, attribute);
    const candidates = [...new Set([...definite, ...maybe])];
    const exact = candidates.length === 1 && maybe.length === 0 && !opaque;
    const via: UnresolvedReference = { address: s.rc.address, type: s.rc.type, attribute, reason: '' };
    for (const t of candidates) {
      const verdict = known === undefined ? 'undecided' : compareKnown(known, t, attribute, attributesOf.get(t));
      if (verdict === 'equal' || (verdict === 'undecided' && exact)) this.addReference(t, s, attribute);
      else if (verdict === 'undecided') this.addUnresolved(t, via);
    }
    // A value from a local (or a variable not followed) may be any resource's, unless it is known.
    if (opaque && !isKnown(s.rc, attribute)) this.addEverywhere(via);
  }

  /**
   * References written in one module instance (`scope`): the instances they name for sure, those
   * they may name, and whether a value comes from somewhere not followed. `var.x` is followed
   * into the module call's argument `x` in the parent module instance (up to MAX_VARIABLE_DEPTH
   * calls), paired with the module instance's own key there.
   */
  private resolveRefs(scope: Scope, refs: readonly string[], depth: number): Resolution {
    const parsed = refs.map(parseReference);
    let opaque = parsed.some((p) => p === undefined);
    const kinds = new Set(parsed.map((p) => p?.kind));
    const groups = new Map<string, Group>();
    const modules = new Set<string>();
    const definite: Instance[] = [];
    const maybe: Instance[] = [];
    const attributesOf = new Map<Instance, ReadonlySet<string>>();
    for (const p of parsed) {
      if (p?.kind === 'resource') {
        const k = localKey(p.mode, p.type, p.name);
        let g = groups.get(k);
        if (!g) groups.set(k, (g = { mode: p.mode, type: p.type, name: p.name, keys: new Set(), attributes: new Set() }));
        if (p.indexed) g.keys.add(p.key);
        if (p.attribute !== '') g.attributes.add(p.attribute);
      } else if (p?.kind === 'module') {
        modules.add(p.name);
      } else if (p?.kind === 'var') {
        const inner = this.resolveVariable(scope, p.name, depth);
        if (!inner) {
          opaque = true;
          continue;
        }
        definite.push(...inner.definite);
        maybe.push(...inner.maybe);
        opaque ||= inner.opaque;
        for (const [t, a] of inner.attributesOf) attributesOf.set(t, a);
      } else if (p?.kind === 'opaque') {
        opaque = true;
      }
    }
    const iterated = kinds.has('each-key') || kinds.has('count-index') || kinds.has('each-value');
    for (const [k, g] of groups) {
      const targets = this.byResource.get(`${scope.moduleAddress}\u0001${k}`) ?? [];
      for (const t of targets) attributesOf.set(t, g.attributes);
      if (g.keys.size > 0) {
        // A literal index, unless a dynamic one may sit beside it (references drop dynamic indexes).
        if (iterated) maybe.push(...targets);
        else for (const key of g.keys) definite.push(...targets.filter((t) => t.key === key));
      } else if (targets.length === 1 && (targets[0] as Instance).key === undefined) {
        definite.push(targets[0] as Instance);
      } else {
        const paired = this.pair(scope, g, kinds, targets);
        if (paired === undefined) maybe.push(...targets);
        else if (paired !== null) definite.push(paired);
      }
    }
    if (kinds.has('each-value')) {
      const paired = this.pairEachValue(scope);
      if (paired === undefined) opaque = true;
      else if (paired !== null) {
        definite.push(paired);
        attributesOf.set(paired, attributesOf.get(paired) ?? new Set());
      }
    }
    for (const m of modules) maybe.push(...this.subtree(childModulePrefix(scope.moduleAddress, m)));
    return { definite, maybe, opaque, attributesOf };
  }

  /** `var.name` in a module instance: the call's argument, resolved in the parent; undefined when not followed. */
  private resolveVariable(scope: Scope, name: string, depth: number): Resolution | undefined {
    if (depth >= MAX_VARIABLE_DEPTH || scope.modules.length === 0 || typeof this.config === 'string') return undefined;
    const steps = parseModuleAddress(scope.moduleAddress);
    const last = steps?.at(-1);
    if (!steps || !last || steps.length !== scope.modules.length) return undefined;
    const call = this.config.calls.get(callKey(scope.modules));
    const refs = call?.expressions.get(name);
    // No argument: the variable's default, a constant (its value would be known).
    if (!call || !refs) return undefined;
    const parent: Scope = { moduleAddress: scope.moduleAddress.slice(0, Math.max(0, last.at - 1)), modules: scope.modules.slice(0, -1), key: last.key, iteration: call };
    return this.resolveRefs(parent, refs, depth + 1);
  }

  /**
   * `aws_x.t[each.key]` / `aws_x.t[count.index]` without a literal index: the instance of t with
   * the referrer's own key, when both iterate over the same thing (the same for_each/count
   * references, the same constant count, or the referrer iterates over t itself). undefined:
   * cannot be paired; null: paired, but t has no instance with that key in this plan.
   */
  private pair(scope: Scope, g: Group, kinds: ReadonlySet<string | undefined>, targets: readonly Instance[]): Instance | null | undefined {
    const t = typeof this.config === 'string' ? undefined : this.config.resources.get(configKey(scope.modules, g.mode, g.type, g.name));
    if (!t) return undefined;
    const cfg = scope.iteration;
    const over = (refs: readonly string[] | undefined): boolean => refs !== undefined && refs.length > 0 && refs.every((r) => {
      const p = parseReference(r);
      return p?.kind === 'resource' && !p.indexed && p.mode === g.mode && p.type === g.type && p.name === g.name;
    });
    let ok = false;
    if (kinds.has('each-key') && typeof scope.key === 'string' && cfg.forEachRefs) {
      ok = sameRefs(cfg.forEachRefs, t.forEachRefs) || over(cfg.forEachRefs);
    } else if (kinds.has('count-index') && typeof scope.key === 'number' && cfg.countRefs) {
      ok = sameRefs(cfg.countRefs, t.countRefs) || (cfg.countConstant !== undefined && cfg.countConstant === t.countConstant) || over(cfg.countRefs);
    }
    if (!ok) return undefined;
    return targets.find((x) => x.key === scope.key) ?? null;
  }

  /** `each.value` under `for_each = aws_x.t`: t's instance with the referrer's key (see pair). */
  private pairEachValue(scope: Scope): Instance | null | undefined {
    const refs = scope.iteration.forEachRefs;
    if (!refs || refs.length === 0 || typeof scope.key !== 'string') return undefined;
    const parsed = refs.map(parseReference);
    const first = parsed[0];
    if (first?.kind !== 'resource' || first.indexed) return undefined;
    const same = (p: ParsedReference | undefined): boolean => p?.kind === 'resource' && !p.indexed && p.mode === first.mode && p.type === first.type && p.name === first.name;
    if (!parsed.every(same)) return undefined;
    const targets = this.byResource.get(`${scope.moduleAddress}\u0001${localKey(first.mode, first.type, first.name)}`) ?? [];
    return targets.find((x) => x.key === scope.key) ?? null;
  }

  /** Every resource inside a module call's instances (and their children). */
  private subtree(prefix: string): readonly Instance[] {
    let list = this.subtrees.get(prefix);
    if (!list) {
      list = this.instances.filter((i) => i.moduleAddress === prefix || i.moduleAddress.startsWith(`${prefix}[`) || i.moduleAddress.startsWith(`${prefix}.`));
      this.subtrees.set(prefix, list);
    }
    return list;
  }

  /** S3 bucket sub-resources name their bucket in `bucket`: a known name is the bucket of that name. */
  private linkByBucketName(s: Instance): void {
    if (!s.rc.type.startsWith('aws_s3_bucket_')) return;
    const name = knownString(s.rc, 'bucket');
    if (name === undefined || name === '') return;
    for (const t of this.bucketsByName.get(name) ?? []) this.addReference(t, s, 'bucket');
  }

  private collect(t: Instance): Collected {
    let c = this.collected.get(t);
    if (!c) this.collected.set(t, (c = { by: [], seen: new Set(), unresolved: new Map() }));
    return c;
  }

  private addReference(t: Instance, s: Instance, attribute: string): void {
    if (t === s) return;
    const c = this.collect(t);
    const key = `${s.rc.address}\u0000${attribute}`;
    if (c.seen.has(key)) return;
    c.seen.add(key);
    c.by.push(Object.freeze({ address: s.rc.address, type: s.rc.type, attribute }));
  }

  private addUnresolved(t: Instance, via: UnresolvedReference): void {
    const c = this.collect(t);
    if (c.unresolved.size < MAX_UNRESOLVED) c.unresolved.set(unresolvedKey(via), Object.freeze(via));
  }

  private addEverywhere(via: UnresolvedReference): void {
    if (this.everywhere.size < MAX_UNRESOLVED) this.everywhere.set(unresolvedKey(via), Object.freeze(via));
  }
}

function unresolvedKey(u: UnresolvedReference): string {
  return `${u.address}\u0000${u.attribute}\u0000${u.reason}`;
}

function sameRefs(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (!a || !b || a.length === 0 || b.length === 0) return false;
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/**
 * A known referring value against the target's known identifiers: `id`, the argument of the
 * same name, and the attributes the references name. 'undecided' when none is known.
 */
function compareKnown(value: string, t: Instance, attribute: string, named: ReadonlySet<string> | undefined): 'equal' | 'different' | 'undecided' {
  let anyKnown = false;
  for (const a of new Set(['id', attribute, ...(named ?? [])])) {
    const v = knownString(t.rc, a);
    if (v === undefined) continue;
    anyKnown = true;
    if (v === value) return 'equal';
  }
  return anyKnown ? 'different' : 'undecided';
}

const BARE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * True when a top-level argument's whole value is known before apply and shown (not masked).
 * An argument absent from `after` is known too when nothing under it is unknown (Terraform
 * leaves unknown arguments out of `after` and marks them in after_unknown).
 */
export function isKnown(rc: ResourceChange, attribute: string): boolean {
  const after = rc.after;
  if (typeof after !== 'object' || after === null || Array.isArray(after) || !BARE.test(attribute)) return false;
  const under = (p: string): boolean => p === '' || p === attribute || p.startsWith(`${attribute}.`) || p.startsWith(`${attribute}[`);
  return !rc.unknownPaths.some(under) && !rc.sensitivePaths.some(under);
}

/** A top-level string argument known before apply (not unknown, not masked), else undefined. */
export function knownString(rc: ResourceChange, attribute: string): string | undefined {
  if (!isKnown(rc, attribute) || !Object.hasOwn(rc.after as object, attribute)) return undefined;
  const v = (rc.after as Record<string, unknown>)[attribute];
  return typeof v === 'string' ? v : undefined;
}

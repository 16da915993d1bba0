import { createHash } from 'node:crypto';
import { canonicalJson } from '../base/canonical-json';
import { compilePolicy } from '../engine';
import type { CompiledPolicy } from '../engine';
import type { Policy } from '../model/policy';

/**
 * What a policy's compiled programs are made of: its CEL texts, match block and title (the
 * message of a policy without one). Parameters are not: they are the CEL activation's
 * `params`, bound at evaluation, so 500 contracts of one pack with 500 different parameter
 * values compile each policy once. Enforcement, severity, id and shadow are applied to the
 * findings afterwards, per contract.
 */
function textKey(p: Policy): string {
  let key = textKeys.get(p);
  if (key === undefined) {
    key = `${JSON.stringify([p.condition, p.message, p.path ?? null, p.title])}${matchKey(p.match)}`;
    textKeys.set(p, key);
  }
  return key;
}

// Contracts of one pack share its (frozen) policy objects while they override nothing of them.
const textKeys = new WeakMap<Policy, string>();

// Contracts of one pack share the pack's match objects (overrides copy the policy, not its match).
const matchKeys = new WeakMap<object, string>();

function matchKey(match: Policy['match']): string {
  let key = matchKeys.get(match);
  if (key === undefined) {
    // An absent criterion may be present as undefined; it means the same as no member.
    key = canonicalJson(Object.fromEntries(Object.entries(match).filter(([, v]) => v !== undefined)));
    matchKeys.set(match, key);
  }
  return key;
}

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** One (compiled policy, effective parameters) pair: evaluated once per resource for the whole fleet. */
export interface FleetUnit {
  readonly index: number;
  /** The id its findings carry in the shared evaluation (never a real policy id). */
  readonly id: string;
  readonly compiled: CompiledPolicy;
  /** sha256 of what it is (text and effective parameters): the same in every run and shard. */
  readonly digest: string;
}

const NO_MESSAGE: CompiledPolicy['message'] = () => '';

/** A compiled policy text and the units made of it, one per distinct effective parameters. */
interface Program {
  readonly compiled: CompiledPolicy;
  readonly digest: string;
  readonly key: string;
  readonly unitsByParams: Map<string, FleetUnit>;
}

// The parameter defaults of a policy object (shared by every contract that does not override it).
const defaultsOf = new WeakMap<Policy, Readonly<Record<string, unknown>>>();

function defaults(p: Policy): Readonly<Record<string, unknown>> {
  let found = defaultsOf.get(p);
  if (found === undefined) {
    found = Object.fromEntries(Object.entries(p.parameters).map(([name, d]) => [name, d.default]));
    defaultsOf.set(p, found);
  }
  return found;
}

/** The id prefix of a unit: NUL can be in no policy id, so a unit id never equals a real one. */
const UNIT_ID_PREFIX = '\u0000fleet-unit:';

/**
 * Compiles each distinct policy text once and hands out one shared unit per distinct
 * (text, effective parameters). A policy that does not compile throws the engine's
 * InputError (file, line and column), exactly as `countersign evaluate` would.
 */
export class FleetCompiler {
  private readonly programs = new Map<string, Program>();
  // The program of each policy object seen: 500 contracts of one pack share most policy objects,
  // so their text key is looked up once, not once per contract (issue 13: fleet parse cost).
  private readonly programOf = new WeakMap<Policy, Program>();
  readonly units: FleetUnit[] = [];
  /** Time spent compiling, wherever it happened (here, or on a program's first read during evaluation). */
  compileMs = 0;

  /** The compiled programs of `p` (compiled on first sight of its text) and the text's digest. */
  program(p: Policy): { readonly compiled: CompiledPolicy; readonly digest: string } {
    return this.programRecord(p);
  }

  private programRecord(p: Policy): Program {
    let found = this.programOf.get(p);
    if (found) return found;
    const key = textKey(p);
    found = this.programs.get(key);
    if (!found) {
      const started = performance.now();
      const compiled = this.timed(compilePolicy(p, {}));
      this.compileMs += performance.now() - started;
      found = { compiled, digest: sha256(key), key, unitsByParams: new Map() };
      this.programs.set(key, found);
    }
    this.programOf.set(p, found);
    return found;
  }

  /**
   * Built-in pack policies compile their CEL on first use (verified-expressions.ts), as in
   * `countersign evaluate`: most policies match nothing in a given release. The first read of
   * each program is timed, so compile time is reported apart from evaluation all the same.
   */
  private timed(compiled: CompiledPolicy): CompiledPolicy {
    const fields = (['condition', 'message', 'path'] as const).filter((f) => f in compiled);
    const descriptors: PropertyDescriptorMap = {};
    for (const field of fields) {
      let value: unknown;
      let read = false;
      descriptors[field] = {
        enumerable: true,
        get: () => {
          if (!read) {
            const started = performance.now();
            value = compiled[field];
            this.compileMs += performance.now() - started;
            read = true;
          }
          return value;
        },
      };
    }
    return Object.create(compiled, descriptors) as CompiledPolicy;
  }

  /** The unit evaluating `p` with these parameters (the contract's values over the policy's defaults). */
  unit(p: Policy, params: Readonly<Record<string, unknown>>): FleetUnit {
    const program = this.programRecord(p);
    const { compiled } = program;
    // compilePolicy's own merge (defaults, then the values given) decides `params` in CEL.
    const effective = Object.freeze({ ...defaults(p), ...params });
    let paramsKey: string | null;
    try {
      paramsKey = canonicalJson(effective);
    } catch {
      paramsKey = null; // a value canonical JSON refuses: never shared
    }
    const known = paramsKey === null ? undefined : program.unitsByParams.get(paramsKey);
    if (known) return known;
    const key = paramsKey === null ? null : `${program.key}\u0000${paramsKey}`;
    const index = this.units.length;
    const id = `${UNIT_ID_PREFIX}${index}`;
    // The shared programs with this unit's parameters and id. A prototype link, not a copy, so
    // a lazily compiled program stays compiled once for every unit that shares it.
    const unit: FleetUnit = {
      index,
      id,
      // Parsed contracts' parameters always write as canonical JSON (their digest needs it).
      digest: sha256(key ?? `${id}\u0000${p.definedAt.file}`),
      compiled: Object.create(compiled, {
        policy: { value: { ...p, id, enabled: true }, enumerable: true },
        params: { value: effective, enumerable: true },
        // A fleet row holds decisions, never a finding's message or location: a finding's
        // status comes from the condition alone (the engine computes message and location after
        // it, and their errors never change it), so neither is computed here.
        message: { value: NO_MESSAGE, enumerable: true },
        path: { value: undefined, enumerable: true },
      }) as CompiledPolicy,
    };
    this.units.push(unit);
    if (paramsKey !== null) program.unitsByParams.set(paramsKey, unit);
    return unit;
  }

  /** The unit a shared-evaluation finding came from, by its policy id. */
  unitOf(id: string): FleetUnit | undefined {
    if (!id.startsWith(UNIT_ID_PREFIX)) return undefined;
    const unit = this.units[Number(id.slice(UNIT_ID_PREFIX.length))];
    return unit?.id === id ? unit : undefined;
  }
}

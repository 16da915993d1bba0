import { parse } from '@marcbachmann/cel-js';
import type { ASTNode } from '@marcbachmann/cel-js';
import { isAstNode } from '../engine/cel/walk-ast';

/**
 * Which attributes of the resource object a CEL expression reads, found by walking its AST
 * (test support for the provider-schema excerpts of the cloud-hardening pack).
 *
 * A read is a path of attribute and block names from the root of `object` / `oldObject`
 * (list indexes dropped: a nested block is a list in plan JSON). It is followed through
 * `lookup(x, "a.b[0].c" | ["a", 0, "c"] | k, d)`, field selections `x.a`, map indexes
 * `x["a"]`, `asList(x)`, `cel.bind(v, x, …)` and the comprehension macros (`exists`, `all`,
 * `exists_one`, `map`, `filter`), whose variable stands for an element of the list. A
 * comprehension over a literal list of strings binds its variable to those strings, so
 * `["a", "b"].all(k, lookup(object, k, false))` reads `a` and `b`. Values that do not come from
 * the object (a parsed JSON document, `params`, `resource`) are not followed. A `lookup` on the
 * object whose path cannot be worked out statically is reported, never skipped.
 */
export interface AttributeReads {
  readonly reads: readonly (readonly string[])[];
  /** Lookups on the object with a path this walker cannot resolve. */
  readonly unresolved: readonly string[];
}

type Ref =
  | { readonly kind: 'attr'; readonly path: readonly string[] }
  | { readonly kind: 'strings'; readonly values: readonly string[] };

type Env = ReadonlyMap<string, Ref | undefined>;

const MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);
const ROOTS = new Set(['object', 'oldObject']);

/** `a.b[0]["c.d"]` → ["a", "b", "c.d"] (indexes dropped). */
export function dottedSteps(path: string): string[] {
  const steps: string[] = [];
  for (const m of path.matchAll(/\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]|([^.[\]]+)/g)) {
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[3] !== undefined) steps.push(m[3]);
  }
  return steps;
}

function stringValue(node: unknown): string | undefined {
  return isAstNode(node) && node.op === 'value' && typeof node.args === 'string' ? node.args : undefined;
}

function isIndexValue(node: unknown): boolean {
  return isAstNode(node) && node.op === 'value' && (typeof node.args === 'bigint' || typeof node.args === 'number');
}

class Walker {
  readonly reads: string[][] = [];
  readonly unresolved: string[] = [];

  constructor(private readonly source: string) {}

  private attr(path: readonly string[]): Ref {
    this.reads.push([...path]);
    return { kind: 'attr', path };
  }

  /** The alternatives a lookup path argument stands for, or undefined when not static. */
  private steps(node: ASTNode, env: Env): string[][] | undefined {
    const s = stringValue(node);
    if (s !== undefined) return [dottedSteps(s)];
    if (node.op === 'list') {
      const items = node.args as unknown[];
      if (!items.every((x) => stringValue(x) !== undefined || isIndexValue(x))) return undefined;
      return [items.map(stringValue).filter((x): x is string => x !== undefined)];
    }
    if (node.op === 'id') {
      const bound = env.get(node.args as string);
      if (bound?.kind === 'strings') return bound.values.map((v) => [v]);
    }
    return undefined;
  }

  visit(node: unknown, env: Env): Ref | undefined {
    if (Array.isArray(node)) {
      for (const x of node) this.visit(x, env);
      return undefined;
    }
    if (!isAstNode(node)) return undefined;
    const args = node.args as unknown;
    switch (node.op) {
      case 'id': {
        const name = args as string;
        if (env.has(name)) return env.get(name);
        return ROOTS.has(name) ? { kind: 'attr', path: [] } : undefined;
      }
      case '.': {
        const [receiver, field] = args as [ASTNode, string];
        const base = this.visit(receiver, env);
        return base?.kind === 'attr' ? this.attr([...base.path, field]) : undefined;
      }
      case '[]': {
        const [receiver, index] = args as [ASTNode, ASTNode];
        const base = this.visit(receiver, env);
        this.visit(index, env);
        if (base?.kind !== 'attr') return undefined;
        const key = stringValue(index);
        return key === undefined ? base : this.attr([...base.path, key]);
      }
      case 'list': {
        const items = args as unknown[];
        const strings = items.map(stringValue);
        if (items.length > 0 && strings.every((x) => x !== undefined)) return { kind: 'strings', values: strings as string[] };
        this.visit(items, env);
        return undefined;
      }
      case 'call': {
        const [name, callArgs] = args as [string, ASTNode[]];
        if (name === 'asList' && callArgs.length === 1) return this.visit(callArgs[0], env);
        if (name !== 'lookup' || callArgs.length < 2) {
          this.visit(callArgs, env);
          return undefined;
        }
        const [base, path, ...rest] = callArgs as [ASTNode, ASTNode, ...ASTNode[]];
        const ref = this.visit(base, env);
        this.visit(path, env);
        this.visit(rest, env);
        if (ref?.kind !== 'attr') return undefined;
        const alternatives = this.steps(path, env);
        if (alternatives === undefined) {
          this.unresolved.push(this.source.slice(node.start, node.end));
          return undefined;
        }
        const paths = alternatives.map((steps) => [...ref.path, ...steps]);
        for (const p of paths) this.reads.push(p);
        return paths.length === 1 ? { kind: 'attr', path: paths[0] as string[] } : undefined;
      }
      case 'rcall': {
        const [name, receiver, callArgs] = args as [string, ASTNode, ASTNode[]];
        if (name === 'bind' && receiver.op === 'id' && receiver.args === 'cel' && callArgs.length === 3 && callArgs[0]?.op === 'id') {
          const value = this.visit(callArgs[1], env);
          return this.visit(callArgs[2], new Map(env).set(callArgs[0].args as string, value));
        }
        if (MACROS.has(name) && callArgs.length >= 2 && callArgs[0]?.op === 'id') {
          const list = this.visit(receiver, env);
          const inner = new Map(env).set(callArgs[0].args as string, list);
          this.visit(callArgs.slice(1), inner);
          return name === 'filter' ? list : undefined;
        }
        this.visit(receiver, env);
        this.visit(callArgs, env);
        return undefined;
      }
      default:
        this.visit(args, env);
        return undefined;
    }
  }
}

/** The object attributes `source` (a CEL expression) reads. */
export function attributeReads(source: string): AttributeReads {
  const walker = new Walker(source);
  walker.visit(parse(source).ast, new Map());
  return { reads: walker.reads, unresolved: walker.unresolved };
}

/**
 * The constant field paths a `path` expression can give: the literal lists of strings and
 * integers (indexes dropped) it results in, through `?:` branches and `cel.bind` bodies;
 * `["@entry", …]` names the plan entry, not the object, and is left out.
 */
export function constantPaths(source: string): string[][] {
  const paths: string[][] = [];
  const results = (node: unknown): void => {
    if (!isAstNode(node)) return;
    const args = node.args as unknown[];
    if (node.op === '?:') {
      results(args[1]);
      results(args[2]);
    } else if (node.op === 'rcall' && args[0] === 'bind') {
      results((args[2] as unknown[])[2]);
    } else if (node.op === 'list') {
      const steps = args.map(stringValue);
      if (args.length > 0 && args.every((x) => stringValue(x) !== undefined || isIndexValue(x)) && steps[0] !== '@entry') {
        paths.push(steps.filter((x): x is string => x !== undefined));
      }
    }
  };
  results(parse(source).ast);
  return paths;
}

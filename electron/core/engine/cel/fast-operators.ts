import type { Activation } from './compile-expression';
import { admit, bail, int64, refuseUnknownIn } from './fast-values';
import type { Evaluator } from './fast-values';

/**
 * The operators of the fast program (fast-program.ts). Each decides inline the cases that are
 * plainly the same in CEL and in JS (same-type primitives, own fields of plain maps, list
 * indexes in range) and calls the node's own handler, the one cel-js would call, for every
 * other case. Anything that is not a value gives up (bail): the ordinary program decides.
 */

/** One evaluation: the variables, and the slots of comprehension and cel.bind variables. */
export interface Frame {
  readonly act: Activation;
  readonly partial: boolean;
  readonly vars: unknown[];
}
export type Fast = (f: Frame) => unknown;

/** A checked cel-js node, as far as the fast program reads it. */
export interface FastNode {
  readonly op: string;
  readonly args: unknown;
  readonly left?: FastNode;
  readonly right?: FastNode | string;
  readonly condition?: FastNode;
  readonly receiverWithArgs?: readonly FastNode[];
  readonly checkedType?: unknown;
  readonly maybeAsync: boolean;
  readonly meta: { readonly alternate?: unknown; readonly macro?: unknown };
  readonly handle: unknown;
}

type Binary = (l: unknown, r: unknown, n: FastNode, ev: Evaluator) => unknown;
type Unary = (v: unknown, n: FastNode, ev: Evaluator) => unknown;

export function operatorOf(n: FastNode, ev: Evaluator, child: (c: FastNode) => Fast, typeClass: unknown): Fast | undefined {
  switch (n.op) {
    case '.': {
      const left = child(n.left as FastNode);
      const key = n.right;
      if (typeof key !== 'string') return undefined;
      const handle = n.handle as Binary;
      return (f) => {
        const o = left(f);
        if (typeof o === 'object' && o !== null) {
          // The read first: a miss (the rarer case) skips the checks.
          const v = (o as Record<string, unknown>)[key];
          if (v !== undefined && (o as object).constructor === Object && Object.hasOwn(o, key)) return admit(v, ev);
        }
        return admit(handle(o, key, n, ev), ev);
      };
    }
    case '[]': {
      const left = child(n.left as FastNode);
      const right = child(n.right as FastNode);
      const handle = n.handle as Binary;
      return (f) => {
        const o = left(f);
        const k = right(f);
        if (Array.isArray(o) && typeof k === 'bigint' && k >= 0n && k < BigInt(o.length)) return admit(o[Number(k)], ev);
        if (typeof k === 'string' && typeof o === 'object' && o !== null && (o as object).constructor === Object && Object.hasOwn(o, k)) {
          const v = (o as Record<string, unknown>)[k];
          if (v !== undefined) return admit(v, ev);
        }
        return admit(handle(o, k, n, ev), ev);
      };
    }
    case '!_': {
      const arg = child(n.args as FastNode);
      return (f) => {
        const v = arg(f);
        return v === true ? false : v === false ? true : bail();
      };
    }
    case '-_': {
      const arg = child(n.args as FastNode);
      const handle = n.handle as Unary;
      return (f) => {
        const v = arg(f);
        return typeof v === 'number' ? -v : admit(handle(v, n, ev), ev);
      };
    }
    case '?:': {
      const condition = child(n.condition as FastNode);
      const left = child(n.left as FastNode);
      const right = child(n.right as FastNode);
      return (f) => {
        const c = condition(f);
        return c === true ? left(f) : c === false ? right(f) : bail();
      };
    }
    case '||':
    case '&&':
      return logical(child(n.left as FastNode), child(n.right as FastNode), n.op === '||');
    case '==':
    case '!=':
    case 'in':
      return comparison(n, ev, child(n.left as FastNode), child(n.right as FastNode), typeClass);
    case '<': case '<=': case '>': case '>=': case '+': case '-': case '*': case '/': case '%':
      return arithmetic(n, ev, child(n.left as FastNode), child(n.right as FastNode));
    default:
      return undefined;
  }
}

/**
 * `||` (decisive = true) and `&&`: the decisive value on either side wins, as CEL's
 * commutative logic has it, even when the other side gave up; two non-decisive bools give
 * the other bool; anything else (an error, an unknown, a non-bool) gives up.
 */
function logical(left: Fast, right: Fast, decisive: boolean): Fast {
  return (f) => {
    let l: unknown;
    try {
      l = left(f);
    } catch {
      l = undefined;
    }
    if (l === decisive) return decisive;
    const r = right(f);
    if (r === decisive) return decisive;
    return l === !decisive && r === !decisive ? !decisive : bail();
  };
}

function comparison(n: FastNode, ev: Evaluator, left: Fast, right: Fast, typeClass: unknown): Fast {
  const handle = n.handle as Binary;
  const op = n.op;
  const differs = op === '!=';
  /** cel-js's answer; in a partial run, "different" on a container holding an unknown is unknown. */
  const decide = (f: Frame, l: unknown, r: unknown): unknown => {
    const result = handle(l, r, n, ev);
    if (f.partial && result === differs) {
      refuseUnknownIn(l);
      if (op !== 'in' || Array.isArray(r)) refuseUnknownIn(r);
    }
    return result;
  };
  if (op === 'in') {
    return (f) => {
      const l = left(f);
      const r = right(f);
      if (typeof l === 'string' && Array.isArray(r)) {
        // Decided only over a list of strings: cel-js compares in order and stops at the first
        // match, so an element before it that is not a string (a value unknown until apply, a
        // map…) may make its answer an error or unknown, not `true`.
        let i = 0;
        while (i < r.length && typeof r[i] === 'string' && r[i] !== l) i++;
        if (i === r.length) return false;
        if (r[i] === l) return true;
      }
      return decide(f, l, r);
    };
  }
  return (f) => {
    const l = left(f);
    const r = right(f);
    const t = typeof l;
    if (t === typeof r && t !== 'object') return (l === r) !== differs;
    if (l === null && r === null) return !differs;
    // type(x) == string: cel-js's type values are equal when they are the same object.
    if (t === 'object' && l !== null && r !== null && typeof r === 'object' && (l as object).constructor === typeClass && (r as object).constructor === typeClass) return (l === r) !== differs;
    return decide(f, l, r);
  };
}

function arithmetic(n: FastNode, ev: Evaluator, left: Fast, right: Fast): Fast {
  const handle = n.handle as Binary;
  const slow = (l: unknown, r: unknown): unknown => admit(handle(l, r, n, ev), ev);
  switch (n.op) {
    case '<':
      return (f) => { const l = left(f); const r = right(f); return sameNumeric(l, r) ? (l as number) < (r as number) : slow(l, r); };
    case '<=':
      return (f) => { const l = left(f); const r = right(f); return sameNumeric(l, r) ? (l as number) <= (r as number) : slow(l, r); };
    case '>':
      return (f) => { const l = left(f); const r = right(f); return sameNumeric(l, r) ? (l as number) > (r as number) : slow(l, r); };
    case '>=':
      return (f) => { const l = left(f); const r = right(f); return sameNumeric(l, r) ? (l as number) >= (r as number) : slow(l, r); };
    case '+':
      return (f) => {
        const l = left(f);
        const r = right(f);
        if (typeof l === 'number' && typeof r === 'number') return l + r;
        if (typeof l === 'string' && typeof r === 'string') return l + r;
        if (typeof l === 'bigint' && typeof r === 'bigint') return int64(l + r) ?? slow(l, r);
        return slow(l, r);
      };
    case '-':
      return (f) => {
        const l = left(f);
        const r = right(f);
        if (typeof l === 'number' && typeof r === 'number') return l - r;
        if (typeof l === 'bigint' && typeof r === 'bigint') return int64(l - r) ?? slow(l, r);
        return slow(l, r);
      };
    default:
      return (f) => slow(left(f), right(f));
  }
}

/** Both doubles or both ints: JS orders them as CEL does. */
function sameNumeric(l: unknown, r: unknown): boolean {
  const t = typeof l;
  return t === typeof r && (t === 'number' || t === 'bigint');
}

import type { ASTNode } from '@marcbachmann/cel-js';
import { CEL_VARIABLES, policyEnvironment } from '../cel/environment';
import { isAstNode, walkAst } from '../cel/walk-ast';
import type { ConditionSpan } from '../../model/explanation';

export type { ConditionSpan };

const MAX_REFERENCES = 24;

/**
 * The top-level conjuncts of a condition (`a && b && (c || d)` → a, b, (c || d)), in source
 * order. A condition that is not a conjunction is one clause. Parsed from the author's text,
 * so every clause is a slice of it, byte for byte.
 */
export function topLevelClauses(condition: string): ConditionSpan[] {
  return conjuncts(policyEnvironment().parse(condition).ast).map((node) => grouped(condition, node));
}

/** A conjunct that is a choice, `test ? then : otherwise`: which branch decides depends on the resource. */
export interface ChoiceNode {
  readonly span: ConditionSpan;
  readonly test: ConditionSpan;
  readonly then: readonly ClauseNode[];
  readonly otherwise: readonly ClauseNode[];
}

/** A conjunct `cel.bind(variable, init, body)`: the body's conjuncts read the bound name. */
export interface BindNode {
  readonly span: ConditionSpan;
  readonly variable: string;
  readonly init: ConditionSpan;
  readonly body: readonly ClauseNode[];
}

/** A conjunct: a plain clause, a choice whose branches are conjunctions in turn, or a binding around one. */
export type ClauseNode =
  | { readonly kind: 'clause'; readonly span: ConditionSpan }
  | ({ readonly kind: 'choice' } & ChoiceNode)
  | ({ readonly kind: 'bind' } & BindNode);

const MAX_CHOICE_DEPTH = 32;

/**
 * The conjuncts of a condition as a tree: a conjunct `t ? a : b` (the baseline's policies
 * dispatch on the resource type that way) keeps its branches split into conjuncts too, so the
 * explanation can name the clause of the branch taken instead of the whole choice. Spans are
 * offsets into the condition. Chained choices (`t1 ? a : t2 ? b : c`) nest in `otherwise`.
 */
export function clauseTree(condition: string): ClauseNode[] {
  const build = (node: ASTNode, depth: number): ClauseNode[] =>
    conjuncts(node).map((c): ClauseNode => {
      if (c.op === '?:' && depth < MAX_CHOICE_DEPTH) {
        const [test, then, otherwise] = c.args as unknown as [ASTNode, ASTNode, ASTNode];
        return { kind: 'choice', span: grouped(condition, c), test: grouped(condition, test), then: build(then, depth + 1), otherwise: build(otherwise, depth + 1) };
      }
      const bind = depth < MAX_CHOICE_DEPTH ? celBind(c) : null;
      if (bind) return { kind: 'bind', span: grouped(condition, c), variable: bind.variable, init: grouped(condition, bind.init), body: build(bind.body, depth + 1) };
      return { kind: 'clause', span: grouped(condition, c) };
    });
  return build(policyEnvironment().parse(condition).ast, 0);
}

/** `cel.bind(variable, init, body)`'s parts, or null for any other node. */
function celBind(node: ASTNode): { variable: string; init: ASTNode; body: ASTNode } | null {
  if (node.op !== 'rcall') return null;
  const [name, receiver, params] = node.args as unknown as [unknown, unknown, unknown];
  if (name !== 'bind' || !isAstNode(receiver) || receiver.op !== 'id' || receiver.args !== 'cel' || !Array.isArray(params) || params.length !== 3) return null;
  const [variable, init, body] = params as unknown[];
  if (!isAstNode(variable) || variable.op !== 'id' || typeof variable.args !== 'string' || !isAstNode(init) || !isAstNode(body)) return null;
  return { variable: variable.args, init, body };
}

/** The operands of a chain of `&&` from `root`, in source order (iterative: chains may be long). */
function conjuncts(root: ASTNode): ASTNode[] {
  const out: ASTNode[] = [];
  const stack: ASTNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.op === '&&') {
      const [left, right] = node.args as [ASTNode, ASTNode];
      stack.push(right, left);
    } else {
      out.push(node);
    }
  }
  return out;
}

/**
 * A node's text with the parentheses that group it: the parser's range of `(a || b)` leaves
 * them out, and of `x || (y)` leaves out the last one. Parentheses inside string literals do
 * not count. Falls back to the node's own range when that already stands alone.
 */
export function grouped(text: string, node: ASTNode): ConditionSpan {
  let { start, end } = node;
  // The parser's range of `(a || b) || c` starts inside the first '(' and may end before a
  // last ')': a ')' with no '(' before it needs the '(' before the range, and every '(' left
  // open needs the ')' after it.
  const { lowest, final } = parenProfile(text.slice(start, end));
  let open = Math.max(0, -lowest);
  let close = final + open;
  while (open > 0) {
    const m = /\(\s*$/.exec(text.slice(0, start));
    if (!m) break;
    start -= m[0].length;
    open--;
  }
  while (close > 0) {
    const m = /^\s*\)/.exec(text.slice(end));
    if (!m) break;
    end += m[0].length;
    close--;
  }
  return { start, end, text: text.slice(start, end) };
}

/** The lowest running balance of '(' minus ')' and the final one, outside string literals ("…", '…', with backslash escapes). */
function parenProfile(s: string): { lowest: number; final: number } {
  let depth = 0;
  let lowest = 0;
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') lowest = Math.min(lowest, --depth);
  }
  return { lowest, final: depth };
}

/**
 * The field references a clause reads: each longest chain of `.field`, `.?field` and
 * `[literal]` steps from a policy variable (object.spec.replicas, resource.labels["team"],
 * params.registries), once each, in source order. Chains from a macro's own variable
 * (`c.image` in `containers.all(c, …)`) are not references to the resource.
 */
export function fieldReferences(clause: string): ConditionSpan[] {
  const root = policyEnvironment().parse(clause).ast;
  const found = new Map<string, ConditionSpan>();
  walkAst(root, (node) => {
    if (!isReference(node)) return undefined;
    const s = grouped(clause, node);
    if (!found.has(s.text) && found.size < MAX_REFERENCES) found.set(s.text, s);
    // Its inner steps are shorter chains of the same reference (a computed index is not a
    // reference step: the walk goes on into it and its base).
    return 'skip';
  });
  return [...found.values()].sort((a, b) => a.start - b.start);
}

const VARIABLES: ReadonlySet<string> = new Set(CEL_VARIABLES);

function isReference(node: ASTNode): boolean {
  let cur: unknown = node;
  for (;;) {
    if (!isAstNode(cur)) return false;
    if (cur.op === 'id') return VARIABLES.has(cur.args as string);
    if (cur.op === '.' || cur.op === '.?') {
      cur = (cur.args as [ASTNode, string])[0];
    } else if (cur.op === '[]' || cur.op === '[?]') {
      const [base, index] = cur.args as [ASTNode, ASTNode];
      if (!isAstNode(index) || index.op !== 'value') return false;
      cur = base;
    } else {
      return false;
    }
  }
}

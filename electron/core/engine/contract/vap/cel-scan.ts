import type { ASTNode } from '@marcbachmann/cel-js';
import { CelCompileError } from '../../cel/compile-expression';
import { policyEnvironment } from '../../cel/environment';
import { isAstNode, walkAst } from '../../cel/walk-ast';

/** A span of an expression's text (0-based, end exclusive). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** What an expression reads and calls, with where: enough to map or refuse it without evaluating. */
export interface CelScan {
  /** Identifiers as written (free variables and macro variables alike), each with its span. */
  readonly identifiers: readonly (Span & { readonly name: string })[];
  /** `root.field` selections of an identifier (e.g. variables.foo, params.max), with the span of the whole selection. */
  readonly selections: readonly (Span & { readonly root: string; readonly field: string })[];
  /** Function and method names called (macros included: all, exists, has…), with receiver for methods. */
  readonly calls: readonly (Span & { readonly name: string; readonly receiver: string | null })[];
}

/** Parses (no type check: VAP variables are not ours) and lists identifiers, selections and calls. */
export function scanCel(source: string): CelScan {
  let ast: ASTNode;
  try {
    ast = policyEnvironment().parse(source).ast;
  } catch (err) {
    const summary = err && typeof err === 'object' && 'summary' in err && typeof err.summary === 'string' ? err.summary : String(err);
    const range = err && typeof err === 'object' && 'range' in err ? (err as { range?: { start?: unknown } }).range : undefined;
    throw new CelCompileError(summary, typeof range?.start === 'number' ? range.start : undefined);
  }
  const identifiers: (Span & { name: string })[] = [];
  const selections: (Span & { root: string; field: string })[] = [];
  const calls: (Span & { name: string; receiver: string | null })[] = [];
  walkAst(ast, (node) => {
    const span = { start: spanOf(node).start, end: spanOf(node).end };
    if (node.op === 'id' && typeof node.args === 'string') identifiers.push({ ...span, name: node.args });
    if (node.op === '.' || node.op === '.?') {
      const [target, field] = node.args as unknown as [unknown, unknown];
      if (isAstNode(target) && target.op === 'id' && typeof target.args === 'string' && typeof field === 'string') {
        selections.push({ ...span, root: target.args, field });
      }
    }
    if (node.op === 'call' || node.op === 'rcall') {
      const args = node.args as unknown as unknown[];
      const name = typeof args[0] === 'string' ? args[0] : '';
      const receiverNode = node.op === 'rcall' ? args[1] : null;
      const receiver = isAstNode(receiverNode) && receiverNode.op === 'id' && typeof receiverNode.args === 'string' ? receiverNode.args : node.op === 'rcall' ? '' : null;
      calls.push({ ...span, name, receiver });
    }
  });
  const bySpan = <T extends Span>(a: T, b: T) => a.start - b.start || a.end - b.end;
  return { identifiers: identifiers.sort(bySpan), selections: selections.sort(bySpan), calls: calls.sort(bySpan) };
}

function spanOf(node: ASTNode): Span {
  const n = node as unknown as { start?: number; end?: number; pos?: number };
  const start = n.start ?? n.pos ?? 0;
  return { start, end: n.end ?? start };
}

/**
 * Replaces spans of `source` (non-overlapping) with new text, right to left so earlier offsets
 * hold. Everything outside the spans stays byte-identical.
 */
export function replaceSpans(source: string, edits: readonly (Span & { readonly text: string })[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = source;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

/**
 * The outermost `cel.bind(name, init, body)` of an expression, with the spans of its parts
 * (null when the expression is not one).
 */
export function outerBind(source: string): { readonly name: string; readonly init: Span; readonly body: Span } | null {
  const ast = policyEnvironment().parse(source).ast as unknown as { op: string; args: unknown[] };
  if (ast.op !== 'rcall' || ast.args[0] !== 'bind') return null;
  const receiver = ast.args[1];
  const args = ast.args[2];
  if (!isAstNode(receiver) || receiver.op !== 'id' || receiver.args !== 'cel' || !Array.isArray(args) || args.length !== 3) return null;
  const [id, init, body] = args as unknown[];
  if (!isAstNode(id) || id.op !== 'id' || typeof id.args !== 'string' || !isAstNode(init) || !isAstNode(body)) return null;
  return { name: id.args, init: spanOf(init), body: spanOf(body) };
}

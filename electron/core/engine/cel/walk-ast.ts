import type { ASTNode } from '@marcbachmann/cel-js';

export function isAstNode(v: unknown): v is ASTNode {
  return typeof v === 'object' && v !== null && 'op' in v && 'args' in v;
}

/**
 * Visits every node of a parsed CEL expression, iteratively (no recursion: expressions come
 * from customers' contracts). `visit` returns 'skip' to leave a node's children out.
 */
export function walkAst(root: ASTNode, visit: (node: ASTNode) => 'skip' | void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (const x of item) stack.push(x);
      continue;
    }
    if (!isAstNode(item)) continue;
    if (visit(item) === 'skip') continue;
    const args: unknown = item.args;
    if (typeof args === 'object' && args !== null) stack.push(args);
  }
}

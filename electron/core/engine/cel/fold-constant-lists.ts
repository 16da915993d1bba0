import type { ASTNode } from '@marcbachmann/cel-js';

function isNode(v: unknown): v is ASTNode {
  return typeof v === 'object' && v !== null && 'op' in v && 'args' in v;
}

/**
 * Makes each list literal of constants (`resource.type in ["aws_lb", "aws_alb"]`) evaluate to
 * one list built once, instead of a new list per evaluation: policies are full of them and
 * run once per matched resource. The list is frozen, so a CEL operation that tried to modify
 * it would fail (an error finding), never change the next evaluation's answer. Call after the
 * type check (which may attach its own evaluation to a node).
 */
export function foldConstantLists(root: ASTNode): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (const x of item) stack.push(x);
      continue;
    }
    if (!isNode(item)) continue;
    const args: unknown = item.args;
    if (item.op === 'list' && Array.isArray(args) && args.length > 0 && args.every((a) => isNode(a) && a.op === 'value')) {
      const value = Object.freeze(args.map((a) => (a as ASTNode).args));
      // The node's own evaluate shadows the generic one (cel-js caches it on the node the same way).
      (item as unknown as { evaluate: unknown }).evaluate = () => value;
      continue;
    }
    if (typeof args === 'object' && args !== null) stack.push(args);
  }
}

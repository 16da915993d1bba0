import type { ASTNode } from '@marcbachmann/cel-js';
import { isAstNode, walkAst } from './walk-ast';

/**
 * Makes each list literal of constants (`resource.type in ["aws_lb", "aws_alb"]`) evaluate to
 * one list built once, instead of a new list per evaluation: policies are full of them and
 * run once per matched resource. The list is frozen, so a CEL operation that tried to modify
 * it would fail (an error finding), never change the next evaluation's answer. Call after the
 * type check (which may attach its own evaluation to a node).
 */
export function foldConstantLists(root: ASTNode): void {
  walkAst(root, (node) => {
    const args: unknown = node.args;
    if (node.op !== 'list' || !Array.isArray(args) || args.length === 0 || !args.every((a) => isAstNode(a) && a.op === 'value')) return;
    const value = Object.freeze(args.map((a) => (a as ASTNode).args));
    // The node's own evaluate shadows the generic one (cel-js caches it on the node the same way).
    (node as unknown as { evaluate: unknown }).evaluate = () => value;
    return 'skip';
  });
}

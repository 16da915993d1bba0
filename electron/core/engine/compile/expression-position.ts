import type { Policy } from '../../model/policy';

export type ExpressionField = 'condition' | 'message' | 'path';

/**
 * Maps an offset inside a policy's CEL text to the line/column in the file that defines the
 * policy. Exact for single-line values and YAML literal blocks (`|`); for folded or multi-line
 * flow scalars the line of the value's start.
 */
export function expressionPosition(policy: Policy, field: ExpressionField, text: string, offset: number | undefined): { line: number; column: number } {
  const at = policy.expressionAt?.[field];
  if (!at) return { line: policy.definedAt.line, column: policy.definedAt.column };
  if (offset === undefined) return { line: at.line, column: at.column };
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineOffset = before.split('\n').length - 1;
  const column = before.length - (before.lastIndexOf('\n') + 1);
  if (lineOffset === 0) return { line: at.line, column: at.column + column };
  if (at.linesAligned) return { line: at.line + lineOffset, column: at.column + column };
  return { line: at.line, column: at.column };
}

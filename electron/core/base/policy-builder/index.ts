/** The visual builder's model and its lossless CEL round trip (plan section 3). No Node. */
export type { BuilderCondition, BuilderGroup, BuilderItem, BuilderRow, ForEachContainer, GroupJoin, GroupLayout, ParamRef, RawChip, RowOp, RowValue } from './types';
export { ROW_OPS } from './types';
export { rawChipProblem, toBuilder } from './to-builder';
export { toCel } from './to-cel';
export { rowCel, rowProblem, OP_VALUE_KINDS } from './row-cel';
export { describeRow } from './describe-row';
export { formatFieldPath, isCanonicalPath, parseFieldPath, PATH_ROOTS } from './field-path';
export type { FieldPath, PathRoot, PathStep } from './field-path';
export type * from './catalog-types';

/** The builder ⇄ CEL conversion the editor uses: core/base/policy-builder's (plan section 3). */
export { describeRow, rawChipProblem, rowProblem, toBuilder, toCel } from '../../../electron/core/base/policy-builder';
export type {
  BuilderCondition, BuilderGroup, BuilderItem, BuilderRow, ForEachContainer, GroupLayout, ParamRef, RawChip, RowOp, RowValue,
} from '../../../electron/core/base/policy-builder';

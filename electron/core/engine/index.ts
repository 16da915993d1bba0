// The policy engine: policy/contract files → compiled contract → evaluation → verdict.
export { ENGINE_VERSION } from './version';
export { parsePolicyFile } from './contract/parse-policy';
export { loadPack, listPacks } from './contract/load-pack';
export type { ResolvedContract, ApprovalRules } from './contract/resolved-contract';
export { parseContract } from './contract/parse-contract';
export { loadContractFile, defaultContract, defaultContractYaml } from './contract/load-contract';
export { contractDigest } from './contract/contract-digest';
export type { CompiledContract } from './compile/compile-contract';
export { compileContract } from './compile/compile-contract';
export type { CompiledPolicy } from './compile/compile-policy';
export { compilePolicy, compilePolicyLazily } from './compile/compile-policy';
export { evaluateChangeSet } from './evaluate/evaluate-changeset';
export { explainFinding, explainFindings } from './explain';
export type { Explanation, ExplainInputs } from './explain';
export { verdictOf } from '../base/verdict';
export type { ResourceView } from './evaluate/resource-view';
export { canonicalJson } from '../base/canonical-json';
export { evaluationDigest, sha256Digest } from '../hashing/canonical-digest';

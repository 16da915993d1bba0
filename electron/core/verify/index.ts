// Offline verification of a release: attestations + contract + change set → ok or reasons.
export { verifyRelease } from './verify-release';
export type { VerifyReleaseInput } from './verify-release';
export { judgeRelease } from './judge-release';
export type { JudgeInput, ReleaseVerification } from './judge-release';
export type { Reason, ReasonCode } from './reasons';
export type { CountedDecision } from './count-decisions';
export type { AppliedException } from './apply-exceptions';
export { isBlocking } from './apply-exceptions';
export { resolveTrustedKeys } from './trusted-keys';
export type { TrustedKey, TrustedKeyInput } from './trusted-keys';

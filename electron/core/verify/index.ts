// Offline verification of a release: attestations + contract + change set → ok or reasons.
export { verifyRelease } from './verify-release';
export type { VerifyReleaseInput } from './verify-release';
export { judgeRelease, withDecision } from './judge-release';
export type { JudgeInput, ReleaseVerification } from './judge-release';
export type { Reason, ReasonCode } from './reasons';
export type { CountedDecision } from './count-decisions';
export { signedDecision } from './count-decisions';
export type { AppliedException, ExceptionStatus, WaivedResource } from './apply-exceptions';
export { waiverMatches } from './waivers';
export { isBlocking } from './apply-exceptions';
export { resolveTrustedKeys } from './trusted-keys';
export type { TrustedKey, TrustedKeyInput } from './trusted-keys';
export { existingSignatureProblems } from './existing-signatures';
export { assertRosterKeys, rosterKeyProblems, countsAs, describeEntry } from './roster-keys';
export type { RosterKeyProblem } from './roster-keys';
export type { RosterRule, RosterAuthority } from './roster-judgement';
export type { ChosenPublication } from './publication';

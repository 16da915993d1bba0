// Application services: what the CLI and the desktop app's API call, over one open Workspace.
// Inputs are plain values (passphrases included: prompting is the caller's job); results are
// plain serializable data.
export { workspacePathFrom, initWorkspaceAt, openWorkspaceAt, withWorkspace } from './workspace-location';
export type { WorkspaceInfo } from './workspace-location';
export { currentContract, contractFor, resolveRevision, defaultContractYaml } from './current-contract';
export type { ActiveContract } from './current-contract';
export { importContract, exportContract, listContractRevisions } from './contract-service';
export { publishContract, storedPublication, MAX_PUBLICATION_DAYS } from './publish-contract';
export type { PublishContractInput, PublishContractResult, StoredPublication } from './publish-contract';
export type { ContractImportResult, ContractExport, ContractRevisionSummary } from './contract-service';
export { importChangeSet, listChangeSets, showChangeSet, evaluateStored } from './change-set-service';
export type { ImportChangeSetResult, ChangeSetDetail } from './change-set-service';
export { createKey, listKeys, exportKey, trustKey, revokeKey, resolveKeyId, unlockKey, personalKeys, assertNoPersonalKey } from './key-service';
export { rotateKey } from './rotate-key';
export type { RotateKeyInput, RotateKeyResult, RotatedContract, RotatedContractStatus } from './rotate-key';
export { signingActor } from './signing-actor';
export type { KeyList, PublicKeyExport } from './key-service';
export { approveChangeSet, rejectChangeSet } from './decision-service';
export type { DecisionInput, DecisionResult } from './decision-service';
export { withdrawDecision } from './withdraw-decision';
export type { WithdrawInput, WithdrawResult } from './withdraw-decision';
export { decisionOutcome } from './decision-state';
export type { DecisionOutcome } from './decision-state';
export { requestException, signException } from './exception-service';
export type { ExceptionRequestInput, ExceptionResult, OutboxTarget } from './exception-service';
export { verifyAudit, verifyAuditHeads, verifyStoredAuditHeads, exportAuditLog } from './audit-service';
export type { AuditHeadsResult } from './audit-service';
export { writeAttestationFile, judgeInWorkspace, judgementsMade } from './workspace-judgement';
export type { AttestationFile } from './workspace-judgement';
export { reconcileAttestationOutbox } from './outbox';
export { workspaceContext } from './review-context';
export type { ReviewContext } from './review-context';
export { PolicyRefusal } from './errors';
export { signBundle } from './release-signing';
export type { SignedBundle } from './release-signing';
export { vendorSignatureOf, vendorSignatureForList } from './vendor-signature-status';
export { buildSigningRequest, writeSigningRequest, receiveSigningRequest, looksLikeEnvelope, looksLikeSigningRequest, SIGNING_REQUEST_SUFFIX } from './signing-request';
export type { BuiltSigningRequest, ReceivedSigningRequest, SigningRequestContents } from './signing-request';
export { importAttestations } from './import-attestations';
export type { ImportAttestationsResult, ImportedStatement, ReceivedFile } from './import-attestations';
// issue 12 (BK): encrypted workspace backup and restore
export { backupWorkspace, checkRestoreTarget, restoreWorkspace, RestoredAuditError } from './workspace-backup';
export type { BackupResult, RestoreResult } from './workspace-backup';

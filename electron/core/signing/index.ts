// Reviewer keys, DSSE envelopes carrying in-toto Statements, and the attestation files.
export { generateReviewerKey, keyIdOf, exportPublicKey, importPublicKeyPem, passphraseProblem, MIN_PASSPHRASE_LENGTH } from './keys';
export type { ReviewerKeyPair, PublicKeyInfo } from './keys';
export { encryptPrivateKey, decryptPrivateKey, WrongPassphraseError, TamperedKeyError } from './encrypted-key';
export type { EncryptedPrivateKey } from './encrypted-key';
export { IN_TOTO_PAYLOAD_TYPE } from './dsse';
export type { DsseEnvelope, DsseSignature } from './dsse';
export { STATEMENT_TYPE, CHANGESET_SUBJECT, CONTRACT_SUBJECT, payloadDigest } from './statement';
export type { Statement, Subject } from './statement';
export {
  DECISION_PREDICATE, DECISION_PREDICATE_V1, EXCEPTION_PREDICATE, EXCEPTION_PREDICATE_V1, CONTRACT_REVISION_PREDICATE, CONTRACT_REVISION_PREDICATE_V1, describeWaiver,
  WITHDRAWAL_PREDICATE, RELEASE_PREDICATE,
} from './predicates';
export type { AuditHead, DecisionPredicate, ExceptionPredicate, ContractRevisionPredicate, ContractPublicationPredicate, LegacyWaiver, Waiver, WithdrawalPredicate, ReleasePredicate } from './predicates';
export { evaluationRef } from './evaluation-ref';
export { MAX_WAIVERS, signApproval, signRejection, signWithdrawal, createException, addSignature, signContractRevision, readExceptionRequest, LEGACY_SEPARATION_OF_DUTIES } from './sign';
export type { Signer, ContractRef, EvaluationRef, SignedAttestation, DecisionRequest, ExceptionRequest, ContractRevisionRequest, WithdrawalRequest, SeparationOfDuties } from './sign';
export { releaseSignatureFileName, signRelease } from './sign';
export type { ReleaseSignatureRequest } from './sign';
export { signContractPublication, publicationFileName } from './publication';
export type { PublishedContract, PublicationRequest } from './publication';
export { attestationFileName, envelopeFileText, jsonLinesText, readAttestations, attestationsFrom, ENVELOPE_FILE_SUFFIX, JSON_LINES_SUFFIX, PUBLICATION_FILE_SUFFIX } from './attestation-files';
export type { AttestationKind, LoadedAttestation } from './attestation-files';
export { DRIFT_ACKNOWLEDGEMENT_PREDICATE, DRIFT_ITEM_SUBJECT, driftAcknowledgementPredicateSchema, signDriftAcknowledgement } from './drift-acknowledgement';
export type { DriftAcknowledgementMode, DriftAcknowledgementPredicate, DriftAcknowledgementRequest } from './drift-acknowledgement';

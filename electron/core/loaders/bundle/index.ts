export { readChangeSetSource } from './read-source';
export { buildChangeSet } from './build';
export { changeSetDigest, listFiles, sha256Hex } from './digest';
export { parseChangeSetManifest } from './manifest';
export { MAX_ARCHIVE_ENTRIES } from './archive-collector';
export { MANIFEST_NAME } from './types';
export type { ChangeSetManifest, ChangeSetSource, ManifestArtifact, ManifestArtifactKind, SourceFile } from './types';
export { signatureAttestations, SIGNATURES_FOLDER, MAX_SIGNATURE_BYTES, MAX_SIGNATURE_FILES } from './signatures';
export type { ParsedSignatureFile, SignatureFile } from './signatures';

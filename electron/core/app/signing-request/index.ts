// Signing requests (docs/signing-request.md): send a change set for co-signature, receive one.
export { buildSigningRequest, writeSigningRequest } from './build';
export type { BuildSigningRequestInput, BuiltSigningRequest, SigningRequestContents } from './build';
export { receiveSigningRequest } from './receive';
export type { ReceivedSigningRequest } from './receive';
export {
  SIGNING_REQUEST_API_VERSION, SIGNING_REQUEST_SUFFIX, maxRequestChars, MAX_REQUEST_FILES, MAX_PENDING, MAX_PUBLICATIONS, MAX_CONTRACT_CHARS,
  readSigningRequest, looksLikeEnvelope, looksLikeSigningRequest, signingRequestFileName, fileNamePart,
} from './format';
export type { SigningRequest } from './format';

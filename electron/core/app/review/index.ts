// UI-only queries over the store and engine: what the desktop app's review screens read.
// Results are the boundary DTOs of electron/shared/api-types (plain, serializable, masked).
export { ReviewSession, NotFoundError } from './review-session';
export type { LoadedChangeSet, JudgedChangeSet } from './review-session';
export { inbox } from './inbox';
export { changeSetDetail, severityCounts } from './change-set-detail';
export { resourceRows, resourceDetail, valueText } from './resources';
export { findingDtos } from './findings';
export { sourceExcerpt } from './source-excerpt';
export type { SourceExcerptView } from './source-excerpt';
export { quorumStatus, quorumOf, exceptionList } from './quorum';
export { contractView, contractViewOf } from './contract-view';
export type { RevisionInfo } from './contract-view';
export { keyList, reviewerKeyDto, trustedKeyDto, auditPage, auditStatus } from './keys-audit';
export { resourceFacts, findingResourceIndex } from './resource-facts';
export { viewedResources, markViewed, viewingReviewer } from './viewed';

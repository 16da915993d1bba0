import type { AuditPage, AuditStatus, KeyListDto, ReviewerKeyDto, TrustedKeyDto } from '../../../shared/api-types';
import { canonicalJson } from '../../engine';
import type { ReviewerKey, TrustedKey, Workspace } from '../../store';
import { listKeys } from '../key-service';
import { verifyAudit } from '../audit-service';

export function reviewerKeyDto(k: ReviewerKey): ReviewerKeyDto {
  return { keyId: k.id, name: k.name, createdAt: k.createdAt, revokedAt: k.revokedAt };
}

export function trustedKeyDto(k: TrustedKey): TrustedKeyDto {
  return { keyId: k.fingerprint, name: k.name, role: k.role, addedAt: k.addedAt, revokedAt: k.revokedAt };
}

/** Own keys (public parts only) and trusted keys. */
export function keyList(ws: Workspace): KeyListDto {
  const keys = listKeys(ws);
  return { reviewerKeys: keys.reviewer.map(reviewerKeyDto), trustedKeys: keys.trusted.map(trustedKeyDto) };
}

/**
 * One page of the audit log, newest first: `offset` counts back from the newest entry. The log
 * is append-only with seq 1..n, so a page is one keyset read.
 */
export function auditPage(ws: Workspace, offset: number, limit: number): AuditPage {
  const total = ws.audit.count();
  const newest = total - offset;
  if (newest <= 0) return { entries: [], total };
  const oldest = Math.max(1, newest - limit + 1);
  const entries = ws.audit.page(oldest - 1, newest - oldest + 1).map((e) => ({
    seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject, details: canonicalJson(e.details), hash: e.hash,
  }));
  return { entries: entries.reverse(), total };
}

export function auditStatus(ws: Workspace): AuditStatus {
  const v = verifyAudit(ws);
  return { ok: v.ok, entries: v.entries, firstBroken: v.ok ? null : { seq: v.firstBroken.seq, reason: `${v.firstBroken.reason}: ${v.firstBroken.detail}` } };
}

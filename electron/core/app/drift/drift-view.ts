import type {
  DriftAcknowledgementDto, DriftFindingDto, DriftItemDto, DriftReportDto, DriftReportSummaryDto, DriftSnapshotKindDto,
} from '../../../shared/day2-types';
import { pathText } from '../../drift';
import type { DriftItem, DriftReport } from '../../drift';
import type { Finding } from '../../model/finding';
import type { StoredDriftAcknowledgement, StoredDriftReport } from '../../store/drift';

/** The reviewer named in a stored acknowledgement's signed statement (our own envelope: it parses). */
function reviewerOf(a: StoredDriftAcknowledgement): { readonly name: string; readonly time: string } {
  try {
    const envelope = JSON.parse(a.envelope) as { payload: string };
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as { predicate: { reviewer: { name: string }; time: string } };
    return { name: statement.predicate.reviewer.name, time: statement.predicate.time };
  } catch {
    return { name: '', time: a.createdAt };
  }
}

export function acknowledgementDto(a: StoredDriftAcknowledgement): DriftAcknowledgementDto {
  const r = reviewerOf(a);
  return { id: a.id, mode: a.mode, note: a.note, keyId: a.keyId, reviewer: r.name, time: r.time, statementDigest: a.statementDigest };
}

function findingDto(f: Finding): DriftFindingDto {
  return {
    policy: f.policy, title: f.title, address: f.resource.address, severity: f.severity, enforcement: f.enforcement,
    status: f.status, message: f.message, remediation: f.remediation,
  };
}

function itemDto(item: DriftItem, findings: readonly Finding[], ack: StoredDriftAcknowledgement | undefined): DriftItemDto {
  return {
    key: item.key, source: item.source, address: item.address, type: item.type, kind: item.kind,
    fields: item.fields.map((f) => ({ path: pathText(f.path), approved: f.approved, live: f.live, ...(f.changedBy !== undefined ? { changedBy: f.changedBy } : {}) })),
    otherManagersOnly: item.otherManagersOnly,
    location: item.location ? { file: item.location.file, line: item.location.line, column: item.location.column } : null,
    acknowledgement: ack ? acknowledgementDto(ack) : null,
    findings: findings.filter((f) => f.resource.address === item.address).map(findingDto),
  };
}

/** The stored report (masked JSON) read back. */
export function parsedReport(stored: StoredDriftReport): DriftReport {
  return JSON.parse(stored.report) as DriftReport;
}

export function summaryDto(stored: StoredDriftReport, report: DriftReport, acks: ReadonlyMap<string, StoredDriftAcknowledgement>): DriftReportSummaryDto {
  const counts = { changed: 0, added: 0, removed: 0 };
  for (const i of report.items) counts[i.kind]++;
  return {
    id: stored.id, install: stored.install, snapshotKind: report.snapshot.kind as DriftSnapshotKindDto, snapshotFile: report.snapshot.file,
    snapshotSha256: report.snapshot.sha256, approvedChangeSet: report.approvedChangeSet, contractDigest: report.contractDigest,
    verdict: report.evaluation.verdict, createdAt: stored.createdAt, itemCount: report.items.length,
    openCount: report.items.filter((i) => !i.otherManagersOnly && !acks.has(i.key)).length,
    findingCount: report.evaluation.findings.length, counts,
  };
}

export function reportDto(stored: StoredDriftReport, acks: ReadonlyMap<string, StoredDriftAcknowledgement>, superseded: boolean): DriftReportDto {
  const report = parsedReport(stored);
  const findings = report.evaluation.findings;
  return {
    ...summaryDto(stored, report, acks),
    items: report.items.map((i) => itemDto(i, findings, acks.get(i.key))),
    findings: findings.map(findingDto),
    superseded,
  };
}

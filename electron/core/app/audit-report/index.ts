// Issue 12 (reports; owner R1): audit reports of a change set or of a period, for auditors.
export { AUDIT_REPORT_VERSION } from '../../reports/audit-report-model';
export type * from '../../reports/audit-report-model';
export { buildChangeSetAuditReport, buildPeriodAuditReport, periodBound } from './build-report';
export type { AuditReportOptions, PeriodQuery } from './build-report';
export type { DriftSource } from './drift-section';
export { AUDIT_REPORT_EXTENSIONS, AUDIT_REPORT_FORMATS, AUDIT_REPORT_MEDIA_TYPES, auditReportHtml, isAuditReportFormat, renderAuditReportText } from './audit-report-files';
export type { AuditReportFormat, AuditReportTextFormat } from './audit-report-files';
export { driftSectionOf } from './drift-rows';
export type { AcknowledgementCheck, DriftRowInput } from './drift-rows';

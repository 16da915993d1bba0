import { ENGINE_VERSION } from '../../engine/version';
import { InputError, UsageError } from '../../model/errors';
import { parseIsoTime, TYPED_INSTANT } from '../../model/iso-time';
import type { Workspace } from '../../store';
import { listChangeSets } from '../change-set-service';
import { ReviewSession } from '../review';
import { AUDIT_REPORT_VERSION } from '../../reports/audit-report-model';
import type { AuditReport } from '../../reports/audit-report-model';
import { auditChainSection } from './audit-chain-section';
import { changeSetSection } from './change-set-section';
import { driftInScope, workspaceDrift } from './drift-section';
import type { DriftSource } from './drift-section';

export interface AuditReportOptions {
  /** Every status is as of this time (default now). */
  readonly now?: Date;
  /** The app's review session (its caches); a fresh one otherwise. */
  readonly session?: ReviewSession;
  /** Where drift reports come from (tests pass their own; default: the workspace's). */
  readonly drift?: DriftSource;
}

/** The audit report of one change set (digest or unique prefix). */
export function buildChangeSetAuditReport(ws: Workspace, digest: string, options: AuditReportOptions = {}): AuditReport {
  const now = options.now ?? new Date();
  const session = options.session ?? new ReviewSession(ws);
  const full = ws.changeSets.resolveDigest(digest);
  const section = changeSetSection(session, full, now);
  const drift = driftInScope((options.drift ?? workspaceDrift)(ws, { install: section.install }), { installs: new Set([section.install]) });
  return {
    auditReportVersion: AUDIT_REPORT_VERSION,
    kind: 'change-set',
    generatedAt: now.toISOString(),
    generator: { tool: 'countersign', engineVersion: ENGINE_VERSION },
    scope: { kind: 'change-set', changeSet: full },
    changeSets: [section],
    drift,
    auditChain: auditChainSection(ws),
  };
}

export interface PeriodQuery {
  readonly install?: string;
  readonly vendor?: string;
  /** ISO-8601 time with a zone, or a date (YYYY-MM-DD, the start of that UTC day). */
  readonly since: string;
  /** Default: now. A date means the end of that UTC day. */
  readonly until?: string;
}

/** The audit report of the change sets received in a period for an install or a vendor (or both). */
export function buildPeriodAuditReport(ws: Workspace, query: PeriodQuery, options: AuditReportOptions = {}): AuditReport {
  const now = options.now ?? new Date();
  if ((query.install ?? '') === '' && (query.vendor ?? '') === '') throw new UsageError('a period report needs an install or a vendor');
  const since = periodBound(query.since, 'since', 'start');
  const until = query.until === undefined ? now.toISOString() : periodBound(query.until, 'until', 'end');
  if (Date.parse(until) < Date.parse(since)) throw new UsageError(`until (${until}) is before since (${since})`);
  const session = options.session ?? new ReviewSession(ws);
  const inScope = listChangeSets(ws).filter((c) =>
    (query.install === undefined || c.install === query.install)
    && (query.vendor === undefined || c.vendor === query.vendor)
    && Date.parse(c.receivedAt) >= Date.parse(since) && Date.parse(c.receivedAt) <= Date.parse(until));
  const changeSets = inScope.map((c) => changeSetSection(session, c.digest, now));
  const installs = query.install !== undefined ? new Set([query.install]) : new Set(changeSets.map((c) => c.install));
  const drift = driftInScope((options.drift ?? workspaceDrift)(ws, query.install !== undefined ? { install: query.install } : {}), { installs, since, until });
  return {
    auditReportVersion: AUDIT_REPORT_VERSION,
    kind: 'period',
    generatedAt: now.toISOString(),
    generator: { tool: 'countersign', engineVersion: ENGINE_VERSION },
    scope: { kind: 'period', install: query.install ?? null, vendor: query.vendor ?? null, since, until },
    changeSets,
    drift,
    auditChain: auditChainSection(ws),
  };
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A period bound as an ISO instant: a date is that UTC day's start (since) or end (until); anything else must be a zoned time. */
export function periodBound(text: string, name: string, side: 'start' | 'end'): string {
  const day = DATE_ONLY.exec(text);
  if (day) {
    const at = new Date(`${text}T00:00:00.000Z`);
    if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== text) throw new InputError(name, `'${text.slice(0, 40)}' is not a calendar day`);
    return side === 'start' ? at.toISOString() : new Date(at.getTime() + 86_400_000 - 1).toISOString();
  }
  const parsed = parseIsoTime(text, TYPED_INSTANT);
  if (!parsed.ok) throw new InputError(name, `'${text.slice(0, 40)}' is not a date (YYYY-MM-DD) or an ISO-8601 time with a zone`);
  return parsed.date.toISOString();
}

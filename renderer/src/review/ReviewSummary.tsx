/**
 * The change set at a glance: resources per action category (drift its own), then findings
 * told apart as open (by severity), waived and approved. A zero is shown plain, never in a
 * warning colour: "0 critical" must not look like a problem.
 */
import type { ChangeSetDetailDto, FindingDto, ResourceRow } from '../../../electron/shared/api-types';
import { SEVERITY_ORDER } from '../components/SeverityCounts';
import { categoryCounts, tallyFindings } from './finding-tally';

const CATEGORIES = ['create', 'update', 'delete', 'replace', 'drift'] as const;

const plural = (n: number, one: string, many = `${one}s`) => (n === 1 ? one : many);

export function ReviewSummary(props: {
  readonly cs: ChangeSetDetailDto;
  readonly rows?: readonly ResourceRow[];
  readonly findings?: readonly FindingDto[];
  readonly approvedByQuorum: boolean;
}) {
  const { cs, rows, findings } = props;
  // Before the rows arrive, the evaluation's counts (which fold drift into its action).
  const byCategory = rows ? categoryCounts(rows) : cs.byAction;
  const others = Object.entries(byCategory).filter(([a, n]) => n > 0 && !(CATEGORIES as readonly string[]).includes(a));
  const tally = findings ? tallyFindings(findings, props.approvedByQuorum) : null;
  return (
    <section className="review-summary" aria-label="Summary">
      <ul className="action-counts" aria-label="Changes by action">
        {CATEGORIES.filter((a) => a !== 'drift' || rows).map((a) => {
          const n = byCategory[a] ?? 0;
          return (
            <li key={a} className={n === 0 ? 'action zero' : `action action-${a}`}>
              <span className="count">{n}</span> {a === 'drift' ? 'drifted' : plural(n, a)}
            </li>
          );
        })}
        {others.map(([a, n]) => <li key={a} className="action"><span className="count">{n}</span> {a}</li>)}
      </ul>
      {tally === null ? <span className="hint">Counting findings…</span> : (
        <ul className="finding-tally" aria-label="Findings">
          <li className={tally.open === 0 ? 'tally zero' : 'tally open'} data-testid="open-count">
            <span className="count">{tally.open}</span> open
            {tally.open > 0 && (
              <span className="open-severities">
                {' ('}
                {SEVERITY_ORDER.filter((s) => (tally.openBySeverity[s] ?? 0) > 0).map((s, i) => (
                  <span key={s} className={`severity severity-${s}`}>{i > 0 && ' · '}<span className="count">{tally.openBySeverity[s]}</span> {s}</span>
                ))}
                {tally.openErrors > 0 && <span className="severity severity-error"> · {tally.openErrors} evaluation {plural(tally.openErrors, 'error')}</span>}
                {')'}
              </span>
            )}
          </li>
          <li className={tally.waived === 0 ? 'tally zero' : 'tally waived-count'} data-testid="waived-count"><span className="count">{tally.waived}</span> waived</li>
          <li className={tally.approved === 0 ? 'tally zero' : 'tally approved-count'} data-testid="approved-count"><span className="count">{tally.approved}</span> approved</li>
        </ul>
      )}
    </section>
  );
}

/**
 * Findings counted by severity, most severe first, e.g. "2 critical · 1 high · 3 medium".
 * Zero counts are left out so the eye lands on what is there; "No findings" when empty.
 */
import type { Severity, FindingCountsDto as Counts } from '../../../electron/shared/api-types';
import './components.css';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export function SeverityCounts(props: { readonly counts: Counts; readonly label?: string }) {
  const { counts } = props;
  const present = SEVERITY_ORDER.filter((s) => (counts.bySeverity[s] ?? 0) > 0);
  const errors = counts.errors > 0 ? counts.errors : 0;
  if (present.length === 0 && errors === 0) return <span className="severity-counts none">No findings</span>;
  return (
    <ul className="severity-counts" aria-label={props.label ?? 'Findings by severity'}>
      {present.map((s) => (
        <li key={s} className={`severity severity-${s}`}>
          <span className="count">{counts.bySeverity[s]}</span> {s}
        </li>
      ))}
      {errors > 0 && (
        <li className="severity severity-error" title="Policies that could not be evaluated on a resource (they count as failing)">
          <span className="count">{errors}</span> evaluation {errors === 1 ? 'error' : 'errors'}
        </li>
      )}
    </ul>
  );
}

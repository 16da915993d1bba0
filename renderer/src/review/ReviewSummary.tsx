/** Creates/updates/deletes/replaces and findings by severity: the size and risk at a glance. */
import type { ChangeSetDetailDto } from '../../../electron/shared/api-types';
import { SeverityCounts } from '../components/SeverityCounts';

const ACTIONS = ['create', 'update', 'delete', 'replace'] as const;

export function ReviewSummary(props: { readonly cs: ChangeSetDetailDto }) {
  const { byAction, counts } = props.cs;
  const others = Object.entries(byAction).filter(([a, n]) => n > 0 && !(ACTIONS as readonly string[]).includes(a));
  return (
    <section className="review-summary" aria-label="Summary">
      <ul className="action-counts" aria-label="Changes by action">
        {ACTIONS.map((a) => (
          <li key={a} className={`action action-${a}`}><span className="count">{byAction[a] ?? 0}</span> {a}{(byAction[a] ?? 0) === 1 ? '' : 's'}</li>
        ))}
        {others.map(([a, n]) => <li key={a} className="action"><span className="count">{n}</span> {a}</li>)}
      </ul>
      <SeverityCounts counts={counts} />
    </section>
  );
}

/** Exceptions in force in the scope, soonest expiry first; those within the warning period marked. */
import type { DashboardExceptionsDto } from '../../../electron/shared/api-types';
import { DateTime } from '../components/DateTime';
import { hrefOf } from '../router';

export function ExceptionsTable(props: { readonly exceptions: DashboardExceptionsDto }) {
  const { list, warningDays } = props.exceptions;
  if (list.length === 0) return <p className="hint">No exception is in force here.</p>;
  return (
    <table className="dashboard-exceptions" aria-label="Exceptions in force">
      <thead><tr><th>Waives</th><th>Scope</th><th>Expires</th></tr></thead>
      <tbody>
        {list.map((e) => (
          <tr key={e.id}>
            {/* Its waivers in words ("policy on address", "policy on pattern …") already name each policy: one column, not the policy twice. */}
            <td><code>{e.resourcePattern}</code></td>
            <td>
              {e.install === null || e.changeSetDigest === null
                ? 'contract-wide'
                : <a href={hrefOf({ screen: 'review', digest: e.changeSetDigest })} aria-label={`Review ${e.install} ${e.release ?? ''}`.trim()}>{`${e.install} ${e.release ?? ''}`.trim()}</a>}
            </td>
            <td className={e.daysLeft !== null && e.daysLeft < warningDays ? 'soon' : undefined}>
              {e.expiresAt === null ? 'with its change set' : <><DateTime iso={e.expiresAt} /> ({e.daysLeft === 0 ? 'today' : `${e.daysLeft} day${e.daysLeft === 1 ? '' : 's'} left`})</>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

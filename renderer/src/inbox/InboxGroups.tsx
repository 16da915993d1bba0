/**
 * Change sets, grouped by vendor and install, newest first within a group. The state badge is
 * the state under the contract revision that judges each change set now (a contract edit shows
 * at once); approvals to re-sign and exceptions expiring soon are flagged per row, and every
 * expiring exception is listed above the groups.
 */
import type { ExpiryWarningDto, InboxGroup, InboxItemDto } from '../../../electron/shared/api-types';
import { SeverityCounts } from '../components/SeverityCounts';
import { VerdictBadge } from '../components/VerdictBadge';
import { hrefOf } from '../router';
import { signatureBadge } from '../review/vendor-signature-text';

function receivedText(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function ItemRow(props: { readonly item: InboxItemDto }) {
  const { item } = props;
  const href = hrefOf({ screen: 'review', digest: item.digest });
  const sig = signatureBadge(item.vendorSignature, item.vendorSigners, item.vendorSignatureRequired);
  return (
    <tr>
      <td>
        <a href={href} aria-label={`Review ${item.app} ${item.previousRelease || 'new'} to ${item.release}`}>
          {item.app}: {item.previousRelease || '(new)'} → <strong>{item.release}</strong>
        </a>
      </td>
      <td>
        <VerdictBadge verdict={item.verdict} state={item.state} />
        {(item.staleDecisions ?? 0) > 0 && (
          <span className="inbox-flag stale" title="Signed under another contract revision: it no longer counts">
            {' '}{item.staleDecisions} approval{item.staleDecisions === 1 ? '' : 's'} to re-sign
          </span>
        )}
        {(item.expiryWarnings ?? []).slice(0, 1).map((w) => (
          <span key={w.exceptionId} className="inbox-flag expiring" title={`Exception ${w.policy} expires ${w.expires}`}> {expiresText(w)}</span>
        ))}
      </td>
      <td><SeverityCounts counts={item.counts} /></td>
      <td className={`vendor-signature signature-${sig.tone}`} title={sig.long}>{sig.short}</td>
      <td className="num">{item.resourceCount}</td>
      <td><time dateTime={item.receivedAt}>{receivedText(item.receivedAt)}</time></td>
    </tr>
  );
}

/** "exception expires today" / "exception expires in 3 days". */
export function expiresText(w: ExpiryWarningDto): string {
  return w.daysLeft === 0 ? 'exception expires today' : `exception expires in ${w.daysLeft} day${w.daysLeft === 1 ? '' : 's'}`;
}

function ExpiryList(props: { readonly warnings: readonly ExpiryWarningDto[]; readonly days: number }) {
  if (props.warnings.length === 0) return null;
  return (
    <section aria-label="Exceptions expiring soon" className="expiry-list">
      <h2>Exceptions expiring within {props.days} day{props.days === 1 ? '' : 's'}</h2>
      <ul>
        {props.warnings.map((w) => (
          <li key={w.exceptionId}>
            {w.changeSetDigest
              ? <><a href={hrefOf({ screen: 'review', digest: w.changeSetDigest })}>{w.changeSetLabel || w.changeSetDigest.slice(0, 19)}</a> · {w.policy}</>
              : <span>{w.policy} (contract-wide)</span>}
            {': '}{expiresText(w)} ({receivedText(w.expires)})
          </li>
        ))}
      </ul>
    </section>
  );
}

export function InboxGroups(props: { readonly groups: readonly InboxGroup[]; readonly warnings?: readonly ExpiryWarningDto[]; readonly warningDays?: number }) {
  return (
    <div className="inbox-groups">
      <ExpiryList warnings={props.warnings ?? []} days={props.warningDays ?? 7} />
      {props.groups.map((g) => (
        <section key={`${g.vendor}\u0000${g.install}`} className="inbox-group" aria-label={`${g.vendor}, ${g.install}`}>
          <h2>{g.vendor} <span className="install">· {g.install}</span></h2>
          <table>
            <thead>
              <tr><th scope="col">Release</th><th scope="col">Verdict</th><th scope="col">Findings</th><th scope="col">Vendor signature</th><th scope="col" className="num">Resources</th><th scope="col">Received</th></tr>
            </thead>
            <tbody>
              {g.items.map((item) => <ItemRow key={item.digest} item={item} />)}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

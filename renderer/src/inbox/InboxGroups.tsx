/**
 * Change sets, grouped by vendor and install, newest first within a group. The state badge is
 * the state under the contract revision that judges each change set now (a contract edit shows
 * at once); approvals to re-sign and exceptions expiring soon are flagged per row, and every
 * expiring exception is listed above the groups.
 */
import type { ExpiryWarningDto, InboxGroup, InboxItemDto, LabelFieldDto } from '../../../electron/shared/api-types';
import { DateTime } from '../components/DateTime';
import { fullIso, isPast } from '../components/date-format';
import { SeverityCounts } from '../components/SeverityCounts';
import { VerdictBadge } from '../components/VerdictBadge';
import { hrefOf } from '../router';
import { signatureBadge } from '../review/vendor-signature-text';

/** The row's name: the app (or the files' names) and the release, a reviewer's labels marked as such. */
function ItemName(props: { readonly item: InboxItemDto }) {
  const d = props.item.display;
  const mark = (f: LabelFieldDto) => (d.labelled.includes(f) ? 'labelled' : undefined);
  return (
    <>
      <span className={mark('app')}>{d.title}</span>
      {d.release !== '' && <>: {props.item.previousRelease || '(new)'} → <strong className={mark('release')}>{d.release}</strong></>}
    </>
  );
}

/** What a reviewer's labels name that the group heading (the vendor's metadata) does not. */
function LabelNote(props: { readonly item: InboxItemDto }) {
  const d = props.item.display;
  const extra = (['vendor', 'install'] as const).filter((f) => d.labelled.includes(f)).map((f) => d[f]);
  if (d.labelled.length === 0) return null;
  return (
    <span className="label-tag" title="Named by a reviewer's display labels, not the vendor's changeset.yaml; the contract is chosen by the vendor's metadata">
      {extra.length > 0 ? `${extra.join(' · ')} (label)` : 'label'}
    </span>
  );
}

function ItemRow(props: { readonly item: InboxItemDto }) {
  const { item } = props;
  const d = item.display;
  const href = hrefOf({ screen: 'review', digest: item.digest });
  const sig = signatureBadge(item.vendorSignature, item.vendorSigners, item.vendorSignatureRequired);
  const name = d.release !== '' ? `${d.title} ${item.previousRelease || 'new'} to ${d.release}` : d.title;
  return (
    <tr>
      <td className="title">
        <a href={href} aria-label={`Review ${name}`}><ItemName item={item} /></a>
        <LabelNote item={item} />
      </td>
      <td>
        <VerdictBadge verdict={item.verdict} state={item.state} />
        {(item.staleDecisions ?? 0) > 0 && (
          <span className="inbox-flag stale" title="Signed under another contract revision: it no longer counts">
            {' '}{item.staleDecisions} approval{item.staleDecisions === 1 ? '' : 's'} to re-sign
          </span>
        )}
        {(item.expiryWarnings ?? []).slice(0, 1).map((w) => (
          <span key={w.exceptionId} className="inbox-flag expiring" title={`Exception ${w.policy} expires ${fullIso(w.expires)}`}> {expiresText(w)}</span>
        ))}
        {item.state === 'pending' && isPast(item.plannedApplyAt) && (
          <span className="inbox-flag past" title={`Planned apply ${fullIso(item.plannedApplyAt)}`}> planned apply time passed</span>
        )}
      </td>
      <td><SeverityCounts counts={item.counts} /></td>
      <td className={`vendor-signature signature-${sig.tone}`} title={sig.long}>{sig.short}</td>
      <td className="num">{item.resourceCount}</td>
      <td><DateTime iso={item.receivedAt} /></td>
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
            {': '}{expiresText(w)} (<DateTime iso={w.expires} />)
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
        <section key={`${g.vendor}\u0000${g.install}`} className="inbox-group" aria-label={g.vendor || g.install ? `${g.vendor}, ${g.install}` : 'No vendor stated'}>
          <h2>
            {g.vendor || <span className="hint" title="Bare plan or manifest files carry no vendor metadata; the default contract judges them">No vendor stated (files without a changeset.yaml)</span>}
            {g.install !== '' && <span className="install"> · {g.install}</span>}
          </h2>
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

/** Pending change sets, grouped by vendor and install, newest first within a group. */
import type { InboxGroup, InboxItemDto } from '../../../electron/shared/api-types';
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
  const sig = signatureBadge(item.vendorSignature, item.vendorSigners);
  return (
    <tr>
      <td>
        <a href={href} aria-label={`Review ${item.app} ${item.previousRelease || 'new'} to ${item.release}`}>
          {item.app}: {item.previousRelease || '(new)'} → <strong>{item.release}</strong>
        </a>
      </td>
      <td><VerdictBadge verdict={item.verdict} state={item.state} /></td>
      <td><SeverityCounts counts={item.counts} /></td>
      <td className={`vendor-signature signature-${sig.tone}`} title={sig.long}>{sig.short}</td>
      <td className="num">{item.resourceCount}</td>
      <td><time dateTime={item.receivedAt}>{receivedText(item.receivedAt)}</time></td>
    </tr>
  );
}

export function InboxGroups(props: { readonly groups: readonly InboxGroup[] }) {
  return (
    <div className="inbox-groups">
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

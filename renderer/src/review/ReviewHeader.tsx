/** Who sent this change set, for which install and release, its digest and signature status. */
import type { ChangeSetDetailDto } from '../../../electron/shared/api-types';
import { CopyButton } from '../components/CopyButton';
import { VerdictBadge } from '../components/VerdictBadge';
import { hrefOf } from '../router';

const SIGNATURE: Readonly<Record<ChangeSetDetailDto['vendorSignature'], { readonly text: string; readonly tone: string }>> = {
  verified: { text: 'Vendor signature verified', tone: 'ok' },
  unsigned: { text: 'Not signed by the vendor', tone: 'warn' },
  invalid: { text: 'Vendor signature INVALID: the files do not match what the vendor signed', tone: 'bad' },
  untrusted: { text: 'Signed by a key you have not trusted: import the vendor key under Keys & trust', tone: 'warn' },
};

export function ReviewHeader(props: { readonly cs: ChangeSetDetailDto }) {
  const { cs } = props;
  const sig = SIGNATURE[cs.vendorSignature];
  return (
    <header className="review-header">
      <h1>
        {cs.vendor} / {cs.app} <VerdictBadge verdict={cs.verdict} />
        {cs.state !== 'pending' && <> <VerdictBadge verdict={cs.verdict} state={cs.state} /></>}
      </h1>
      <dl className="review-facts">
        <div><dt>Install</dt><dd>{cs.install}</dd></div>
        <div><dt>Release</dt><dd>{cs.previousRelease || '(first install)'} → <strong>{cs.release}</strong></dd></div>
        <div><dt>Planned apply</dt><dd>{cs.plannedApplyAt || 'not set'}</dd></div>
        <div>
          <dt>Digest</dt>
          <dd className="digest"><code>{cs.digest}</code> <CopyButton value={cs.digest} label="Copy digest" /></dd>
        </div>
        <div>
          <dt>Judged by</dt>
          <dd><a href={hrefOf({ screen: 'contract', contract: cs.contractName })}>{cs.contractName}</a> revision {cs.contractRevision}</dd>
        </div>
        <div><dt>Vendor signature</dt><dd className={`signature signature-${sig.tone}`}>{sig.text}</dd></div>
      </dl>
      {cs.description && <p className="review-description">{cs.description}</p>}
    </header>
  );
}

/** Who sent this change set, for which install and release, its digest and signature status. */
import type { ChangeSetDetailDto } from '../../../electron/shared/api-types';
import { CopyButton } from '../components/CopyButton';
import { VerdictBadge } from '../components/VerdictBadge';
import { hrefOf } from '../router';

import { useQuorum } from '../sign/sign-queries';
import { signatureBadge } from './vendor-signature-text';

/** Where a vendor key is made to count: the roster (vendor-release) or, without one, Keys & trust. */
const UNTRUSTED_HINT = "Add the vendor's public key to the contract's roster as vendor-release (or, for a contract without a roster, trust it with role vendor under Keys & trust).";

export function ReviewHeader(props: { readonly cs: ChangeSetDetailDto }) {
  const { cs } = props;
  const sig = signatureBadge(cs.vendorSignature, cs.vendorSigners, cs.vendorSignatureRequired);
  const reasons = cs.vendorSignatureReasons;
  // The state is judged under the CURRENT contract revision (as the Sign panel and the inbox
  // show it), never the stored column: after a contract edit an approval is stale, not "Approved".
  const quorum = useQuorum(cs.digest);
  const state = cs.state === 'superseded' ? cs.state : quorum.data?.state ?? 'pending';
  return (
    <header className="review-header">
      <h1>
        {cs.vendor} / {cs.app} <VerdictBadge verdict={cs.verdict} />
        {state !== 'pending' && <> <VerdictBadge verdict={cs.verdict} state={state} /></>}
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
        <div><dt>Vendor signature</dt><dd className={`signature signature-${sig.tone}`} data-testid="vendor-signature">{sig.long}</dd></div>
      </dl>
      {reasons.length > 0 && (
        <details className="signature-reasons" open={cs.vendorSignature !== 'verified'}>
          <summary>{cs.vendorSignature === 'verified' ? `${reasons.length} other signature file(s) did not count` : 'Why'}</summary>
          <ul>{reasons.map((r, i) => <li key={i}>{r}</li>)}</ul>
          {cs.vendorSignature === 'untrusted' && <p>{UNTRUSTED_HINT}</p>}
        </details>
      )}
      {cs.description && <p className="review-description">{cs.description}</p>}
    </header>
  );
}

/** Who sent this change set, for which install and release, its digest and signature status. */
import type { ChangeSetDetailDto } from '../../../electron/shared/api-types';
import { useState } from 'react';
import { CopyButton } from '../components/CopyButton';
import { DateTime } from '../components/DateTime';
import { LabelEditor } from './LabelEditor';
import { VerdictBadge } from '../components/VerdictBadge';
import { hrefOf } from '../router';

import { useQuorum } from '../sign/sign-queries';
import { signatureBadge } from './vendor-signature-text';
import { AuditReportExport } from '../reports/AuditReportExport';

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
  const [editing, setEditing] = useState(false);
  // Issue 11: the vendor's metadata, where empty a reviewer's display labels (marked), else the files' names.
  const d = cs.display;
  const mark = (f: 'vendor' | 'app' | 'install' | 'release') => (d.labelled.includes(f) ? 'labelled' : undefined);
  return (
    <header className="review-header">
      <h1>
        <span className={mark('vendor')}>{d.vendor || 'No vendor stated'}</span> / <span className={mark('app')}>{d.title}</span>
        {d.labelled.length > 0 && <span className="label-tag" title="Italic names are a reviewer's display labels, not the vendor's changeset.yaml">labels</span>}
        {' '}<VerdictBadge verdict={cs.verdict} />
        {state !== 'pending' && <> <VerdictBadge verdict={cs.verdict} state={state} /></>}
      </h1>
      <dl className="review-facts">
        <div><dt>Install</dt><dd className={mark('install')}>{d.install || 'not stated'}</dd></div>
        <div><dt>Release</dt><dd>{cs.previousRelease || '(first install)'} → <strong className={mark('release')}>{d.release || 'not stated'}</strong></dd></div>
        <div><dt>Planned apply</dt><dd>{cs.plannedApplyAt ? <DateTime iso={cs.plannedApplyAt} flagPast="in the past" /> : 'not set'}</dd></div>
        <div><dt>Received</dt><dd><DateTime iso={cs.receivedAt} /></dd></div>
        <div>
          <dt>Digest</dt>
          <dd className="digest"><code>{cs.digest}</code> <CopyButton value={cs.digest} label="Copy digest" /></dd>
        </div>
        <div>
          <dt>Judged by</dt>
          <dd><a href={hrefOf({ screen: 'contract', contract: cs.contractName })}>{cs.contractName}</a> revision {cs.contractRevision}</dd>
        </div>
        <div><dt>Vendor signature</dt><dd className={`signature signature-${sig.tone}`} data-testid="vendor-signature">{sig.long}</dd></div>
        {d.editable.length > 0 && !editing && (
          <div><button type="button" className="edit-labels" onClick={() => setEditing(true)}>{d.labelled.length > 0 ? 'Edit labels…' : 'Name it…'}</button></div>
        )}
      </dl>
      {editing && <LabelEditor digest={cs.digest} display={d} onClose={() => setEditing(false)} />}
      {reasons.length > 0 && (
        <details className="signature-reasons" open={cs.vendorSignature !== 'verified'}>
          <summary>{cs.vendorSignature === 'verified' ? `${reasons.length} other signature file(s) did not count` : 'Why'}</summary>
          <ul>{reasons.map((r, i) => <li key={i}>{r}</li>)}</ul>
          {cs.vendorSignature === 'untrusted' && <p>{UNTRUSTED_HINT}</p>}
        </details>
      )}
      {cs.description && <p className="review-description">{cs.description}</p>}
      <AuditReportExport digest={cs.digest} />
    </header>
  );
}

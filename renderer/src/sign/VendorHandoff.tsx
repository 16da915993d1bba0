/**
 * Handing over to the vendor: "Export for vendor" writes exactly what their pipeline's verify
 * needs (the decisions that stand, the exceptions in force, the contract and its publication)
 * into this change set's folder in the outbox; "Verify as the vendor will" runs that same verify
 * here, trusting only what the vendor trusts, and shows the result with every reason.
 */
import { useMutation } from '@tanstack/react-query';
import type { VendorVerificationDto } from '../../../electron/shared/api-types';
import { api, unwrap } from '../api/client';
import { InlineError } from './errors';

export function VendorHandoff(props: { readonly digest: string }) {
  const exported = useMutation({ mutationFn: () => unwrap(api.exportForVendor({ digest: props.digest })) });
  const verified = useMutation({ mutationFn: () => unwrap(api.verifyAsVendor({ digest: props.digest })) });
  return (
    <section aria-label="Hand over to the vendor" className="vendor-handoff">
      <h3>Hand over to the vendor</h3>
      <div className="actions">
        <button type="button" disabled={verified.isPending} onClick={() => verified.mutate()}>Verify as the vendor will</button>
        <button type="button" disabled={exported.isPending} onClick={() => exported.mutate()}>Export for vendor</button>
      </div>
      <InlineError error={verified.error} prefix="Cannot verify" />
      {verified.data && <VerificationResult result={verified.data} />}
      <InlineError error={exported.error} prefix="Cannot export" />
      {exported.data && (
        <div role="status" data-testid="vendor-export">
          <p>Wrote {exported.data.files.length} files for contract {exported.data.contract.name} revision {exported.data.contract.revision} to <code>{exported.data.dir}</code>:</p>
          <ul>{exported.data.files.map((f) => <li key={f}><code>{f}</code></li>)}</ul>
          <p className="hint">The vendor's pipeline runs verify over this folder before it applies the change set.</p>
        </div>
      )}
    </section>
  );
}

function VerificationResult(props: { readonly result: VendorVerificationDto }) {
  const r = props.result;
  return (
    <div className={`vendor-verify ${r.ok ? 'ok' : 'blocked'}`} data-testid="vendor-verify">
      <p>
        <span className={r.ok ? 'badge pass' : 'badge deny'}>{r.ok ? 'Passes' : 'Blocked'}</span>{' '}
        {r.ok ? 'The vendor\'s verify will accept this change set' : 'The vendor\'s verify will refuse this change set'} under {r.contract.name} revision {r.contract.revision}
        {' '}({r.approvals} of {r.quorum} approvals).
      </p>
      <p className="hint">
        {r.trust === 'contract-owners'
          ? `Trusting only the contract owners of the publication: ${r.trustedKeys.join(', ') || 'none'}.`
          : `The contract has no roster: trusting the reviewers' keys the vendor is given: ${r.trustedKeys.join(', ') || 'none'}.`}
      </p>
      {r.reasons.length > 0 && <p className="vendor-verify-count">{r.reasons.length === 1 ? '1 reason' : `${r.reasons.length} reasons`}:</p>}
      {r.reasons.length > 0 && (
        <ul aria-label="Reasons" data-testid="vendor-verify-reasons" className="vendor-verify-reasons">
          {r.reasons.map((x, i) => <li key={i}><code>{x.code}</code> {x.message}</li>)}
        </ul>
      )}
      {r.notes.length > 0 && (
        <details>
          <summary>{r.notes.length} note{r.notes.length === 1 ? '' : 's'} (attestations that did not count)</summary>
          <ul>{r.notes.map((x, i) => <li key={i}><code>{x.code}</code> {x.message}</li>)}</ul>
        </details>
      )}
    </div>
  );
}

/**
 * Co-signing across machines (issue 10), on the Sign panel: what a received signing request
 * awaits from you ("Signing request from Alice: exception … awaiting your signature"), and
 * "Send for co-signature", which writes this change set's signing request to the outbox (one
 * file: the change set, the published contract revision, the pending statements) and lists
 * what it holds. The co-reviewer drops that file on their inbox.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { SigningRequestDto } from '../../../electron/shared/api-types';
import { api, unwrap } from '../api/client';
import { InlineError } from './errors';
import { shortId } from './format';
import { useRefreshingMutation } from './sign-queries';

/** `final`: the decision is final under the judging revision: there is nothing left to co-sign, so no request is offered. */
export function CoSignRequest(props: { readonly digest: string; readonly final: boolean }) {
  const status = useQuery({ queryKey: ['coSignStatus', props.digest], queryFn: () => unwrap(api.coSignStatus({ digest: props.digest })) });
  const [note, setNote] = useState('');
  const send = useRefreshingMutation((input: { digest: string; note: string }) => unwrap(api.exportSigningRequest(input.note.trim() ? input : { digest: input.digest })));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate({ digest: props.digest, note });
  };
  return (
    <section aria-label="Co-signature" className="co-sign">
      {status.data?.awaiting.map((a) => (
        <p key={a.exceptionId} role="status" className="hint warn" data-testid="awaiting-signature">
          Signing request from {a.from}: exception <code>{shortId(a.digest)}</code> ({a.waives}) awaiting your signature ({a.signatures} of {a.quorum})
        </p>
      ))}
      {!props.final && <form onSubmit={submit}>
        <label>
          Note for the co-reviewer (optional)
          <input value={note} maxLength={10_000} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit" disabled={send.isPending}>Send for co-signature</button>
      </form>}
      {send.error && <InlineError error={send.error} />}
      {send.data && <SentRequest sent={send.data} />}
    </section>
  );
}

function SentRequest(props: { readonly sent: SigningRequestDto }) {
  const s = props.sent;
  return (
    <div role="status" aria-label="Signing request written">
      <p>Wrote <code className="fingerprint">{s.path}</code>: give this file to the co-reviewer; they drop it on their inbox.</p>
      {s.savedAs && <p>Also saved to <code className="fingerprint">{s.savedAs}</code>.</p>}
      <ul className="hint">
        <li>change set <code>{shortId(s.changeSetDigest)}</code> ({s.files} {s.files === 1 ? 'file' : 'files'})</li>
        <li>contract {s.contract.name} revision {s.contract.revision}, with its publication</li>
        {s.exceptions.map((e) => <li key={e.digest}>exception <code>{shortId(e.digest)}</code>, {e.signatures} {e.signatures === 1 ? 'signature' : 'signatures'} so far</li>)}
        {s.decisions.map((d, i) => <li key={i}>{d.kind === 'approve' ? 'approval' : 'rejection'} by <code>{shortId(d.keyId)}</code></li>)}
      </ul>
    </div>
  );
}

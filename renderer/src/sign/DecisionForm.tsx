/**
 * Approve or reject the change set with a comment, signed with one of my keys. A rejection
 * must say why. Decisions are final: once the change set is approved or rejected under the
 * revision that judges it (or I have a decision standing), the form closes and says who
 * decided and when; the person whose decision it is may withdraw it, with a reason.
 * On error (wrong passphrase, a refusal) the form keeps what was typed and says what to do.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { DecisionSignatureDto, QuorumStatus, ReviewerKeyDto, SignResult } from '../../../electron/shared/api-types';
import { hasRejectionComment, REJECTION_COMMENT_RULE } from '../../../electron/shared/api-contract';
import { api, unwrap } from '../api/client';
import { asSentence } from './format';
import { InlineError } from './errors';
import { useRefreshingMutation } from './sign-queries';
import { SigningKeyFields } from './SigningKeyFields';
import type { SigningKeyValue } from './SigningKeyFields';
import { WithdrawForm } from './WithdrawForm';
import { DateTime } from '../components/DateTime';

type Decision = 'approve' | 'reject';

/** A decision that stands: it counts, or conflicts with the same person's other one (both must be dealt with). */
const standing = (s: DecisionSignatureDto): boolean => s.check === 'counted' || s.check === 'conflicting';

export function DecisionForm(props: {
  readonly digest: string;
  readonly keys: readonly ReviewerKeyDto[];
  /** Unwaived deny/mandatory findings: the core refuses an approval while there are any. */
  readonly blockingCount: number;
  /** The decisions held (absent while loading: the form stays open, the core decides). */
  readonly quorum?: QuorumStatus;
  readonly onSigned: (result: SignResult, decision: Decision | 'withdraw') => void;
}) {
  const mine = props.quorum?.people.flatMap((p) => p.signatures).filter((s) => standing(s) && s.withdrawable) ?? [];
  if (props.quorum?.final || mine.length > 0) {
    return <DecidedNotice digest={props.digest} quorum={props.quorum!} keys={props.keys} onWithdrawn={(r) => props.onSigned(r, 'withdraw')} />;
  }
  return <OpenDecisionForm {...props} />;
}

/** The closed form: who decided, when, and (for my own standing decision) the withdraw action. */
function DecidedNotice(props: { readonly digest: string; readonly quorum: QuorumStatus; readonly keys: readonly ReviewerKeyDto[]; readonly onWithdrawn: (r: SignResult) => void }) {
  const q = props.quorum;
  const decided = q.people.flatMap((p) => p.signatures.filter(standing));
  const mine = decided.filter((s) => s.withdrawable);
  return (
    <section aria-label="Decision" className="sign-form decided">
      <h3>Decision</h3>
      <p data-testid="final-decision">
        {q.final ? <strong>{q.state === 'approved' ? 'Approved' : 'Rejected'} (final). </strong> : <strong>Your decision stands. </strong>}
        {q.finalReason ? asSentence(q.finalReason) : 'Withdraw your decision first to decide again.'}
      </p>
      <ul className="decisions">
        {decided.map((s) => (
          <li key={s.id}>{s.decision === 'approve' ? 'Approved' : 'Rejected'} by {s.name} on <DateTime iso={s.at} /></li>
        ))}
      </ul>
      {mine.map((s) => (
        <WithdrawForm key={s.id} digest={props.digest} decision={s} keys={props.keys.filter((k) => k.keyId === s.keyId)} onWithdrawn={props.onWithdrawn} />
      ))}
    </section>
  );
}

function OpenDecisionForm(props: {
  readonly digest: string;
  readonly keys: readonly ReviewerKeyDto[];
  readonly blockingCount: number;
  readonly onSigned: (result: SignResult, decision: Decision) => void;
}) {
  const [comment, setComment] = useState('');
  const [signer, setSigner] = useState<SigningKeyValue>({ keyId: '', passphrase: '' });
  const [localError, setLocalError] = useState<string | null>(null);
  const mutation = useRefreshingMutation((d: Decision) => {
    const input = { digest: props.digest, keyId: signer.keyId, passphrase: signer.passphrase, comment };
    return unwrap(d === 'approve' ? api.approve(input) : api.reject(input));
  });

  const submit = (decision: Decision) => (e?: FormEvent) => {
    e?.preventDefault();
    setLocalError(null);
    mutation.reset();
    // The core's rule and message (the API and the CLI refuse with the same words).
    if (decision === 'reject' && !hasRejectionComment(comment)) return setLocalError(asSentence(REJECTION_COMMENT_RULE));
    if (signer.passphrase === '') return setLocalError('Type the passphrase of the signing key.');
    mutation.mutate(decision, {
      onSuccess: (result) => {
        setSigner((s) => ({ ...s, passphrase: '' }));
        setComment('');
        props.onSigned(result, decision);
      },
    });
  };

  return (
    <form noValidate aria-label="Approve or reject" className="sign-form" onSubmit={submit('approve')}>
      <h3>Decision</h3>
      {props.blockingCount > 0 && (
        <p className="hint warn">
          {props.blockingCount} blocking finding{props.blockingCount === 1 ? ' is' : 's are'} not waived yet: request an exception
          for each (and collect its signatures) before approving, or reject the change set.
        </p>
      )}
      <label htmlFor="decision-comment">Comment</label>
      <textarea id="decision-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)}
        placeholder="What you checked, or why you reject it (required for a rejection)" />
      <SigningKeyFields keys={props.keys} value={signer} onChange={setSigner} />
      {localError && <p role="alert" className="inline-error">{localError}</p>}
      <InlineError error={mutation.error} />
      <div className="actions">
        <button type="submit" disabled={mutation.isPending || props.keys.length === 0}>Approve</button>
        <button type="button" className="danger" disabled={mutation.isPending || props.keys.length === 0} onClick={submit('reject')}>Reject</button>
      </div>
    </form>
  );
}

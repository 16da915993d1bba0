/**
 * Approve or reject the change set with a comment, signed with one of my keys. A rejection
 * must say why. On error (wrong passphrase, approval refused while a deny finding is not
 * waived) the form keeps what was typed and says what to do.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { decisionCommentProblem } from '../../../electron/shared/api-contract';
import type { ReviewerKeyDto, SignResult } from '../../../electron/shared/api-types';
import { api, unwrap } from '../api/client';
import { InlineError } from './errors';
import { useRefreshingMutation } from './sign-queries';
import { SigningKeyFields } from './SigningKeyFields';
import type { SigningKeyValue } from './SigningKeyFields';

type Decision = 'approve' | 'reject';

export function DecisionForm(props: {
  readonly digest: string;
  readonly keys: readonly ReviewerKeyDto[];
  /** Unwaived deny/mandatory findings: the core refuses an approval while there are any. */
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
    // The core's own rule and message (it refuses the same), said before the key is unlocked.
    const problem = decisionCommentProblem(decision, comment);
    if (problem) return setLocalError(`${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`);
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

/**
 * Request an exception for one `deny` finding: scope, the resource (the finding's exact
 * address by default; a glob pattern only when chosen explicitly), justification, and an
 * expiry capped by the contract. The requester
 * signs it as the first signature; co-reviewers add theirs in the exception list.
 * Other enforcement levels get an explanation instead of a form.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { ExceptionDto, FindingDto, ReviewerKeyDto } from '../../../electron/shared/api-types';
import { api, unwrap } from '../api/client';
import { InlineError } from './errors';
import { expiryBounds, expiryInstant } from './expiry';
import { useRefreshingMutation } from './sign-queries';
import { SigningKeyFields } from './SigningKeyFields';
import type { SigningKeyValue } from './SigningKeyFields';

type Scope = 'changeset' | 'contract';
/** `address`: this exact address only (brackets, quotes, `*` are plain characters). `pattern`: an explicit glob. */
type Match = 'address' | 'pattern';

/** Why a finding cannot get an exception, or null when it can. */
export function noExceptionReason(f: FindingDto): string | null {
  if (f.waived) return 'This finding is already waived by a valid, fully signed exception.';
  switch (f.enforcement) {
    case 'mandatory':
      return `Policy ${f.policy} is mandatory: the contract says its findings can never be waived, not even with signatures. ` +
        'The vendor must change the release, or reject it.';
    case 'approval':
      return 'This finding needs a reviewer\'s approval, not an exception: approving the change set signs it off.';
    case 'advisory':
      return 'This finding is advisory: it is reported only and does not block, so there is nothing to waive.';
    default:
      return null;
  }
}

export function ExceptionRequestForm(props: {
  readonly digest: string;
  readonly finding: FindingDto;
  readonly maxExceptionDays: number;
  readonly keys: readonly ReviewerKeyDto[];
  readonly onRequested: (e: ExceptionDto) => void;
}) {
  const { finding, maxExceptionDays } = props;
  const bounds = expiryBounds(maxExceptionDays);
  const scopeName = useId();
  const [scope, setScope] = useState<Scope>('changeset');
  const matchName = useId();
  const [match, setMatch] = useState<Match>('address');
  const [resource, setResource] = useState(finding.address);
  const [justification, setJustification] = useState('');
  const [day, setDay] = useState(bounds.initial);
  const [signer, setSigner] = useState<SigningKeyValue>({ keyId: '', passphrase: '' });
  const [localError, setLocalError] = useState<string | null>(null);
  const mutation = useRefreshingMutation((expires: string) => unwrap(api.requestException({
    digest: props.digest,
    waives: [match === 'address' ? { policy: finding.policy, address: resource } : { policy: finding.policy, pattern: resource.trim() }],
    justification: justification.trim(), expires, scope,
    keyId: signer.keyId, passphrase: signer.passphrase,
  })));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    mutation.reset();
    if (resource.trim() === '') return setLocalError(match === 'address' ? 'Give the resource address the exception covers.' : 'Give the glob pattern the exception covers.');
    if (justification.trim() === '') return setLocalError('A justification is required: say why this finding is acceptable until the expiry.');
    const expiry = expiryInstant(day, maxExceptionDays);
    if ('problem' in expiry) return setLocalError(expiry.problem);
    if (signer.passphrase === '') return setLocalError('Type the passphrase of the signing key.');
    mutation.mutate(expiry.iso, {
      onSuccess: (created) => {
        setSigner((s) => ({ ...s, passphrase: '' }));
        setJustification('');
        props.onRequested(created);
      },
    });
  };

  const reason = noExceptionReason(finding);
  if (reason) {
    return (
      <section aria-label="Exception" className="sign-form">
        <h3>Exception for {finding.policy}</h3>
        <p className="hint" data-testid="no-exception-reason">{reason}</p>
      </section>
    );
  }
  return (
    <form noValidate aria-label={`Request exception for ${finding.policy}`} className="sign-form" onSubmit={submit}>
      <h3>Request an exception for {finding.policy}</h3>
      <p className="hint">{finding.message}</p>
      <fieldset>
        <legend>Scope</legend>
        <label><input type="radio" name={scopeName} checked={scope === 'changeset'} onChange={() => setScope('changeset')} /> This change set only</label>
        {/* The workspace services sign exceptions for one change set only so far; the option shows what is coming. */}
        <label><input type="radio" name={scopeName} checked={scope === 'contract'} onChange={() => setScope('contract')} /> Every change set under this contract, until the expiry</label>
      </fieldset>
      <fieldset>
        <legend>Resources</legend>
        <label><input type="radio" name={matchName} checked={match === 'address'} onChange={() => { setMatch('address'); setResource(finding.address); }} /> Exactly this address</label>
        <label><input type="radio" name={matchName} checked={match === 'pattern'} onChange={() => setMatch('pattern')} /> Every address matching a pattern</label>
      </fieldset>
      <label htmlFor="exception-resource">{match === 'address' ? 'Resource address' : 'Resource pattern'}</label>
      <input id="exception-resource" value={resource} onChange={(e) => setResource(e.target.value)} spellCheck={false}
        readOnly={match === 'address'} aria-describedby="exception-resource-hint" />
      <small id="exception-resource-hint" className="hint">
        {match === 'address'
          ? 'The finding\'s address, matched exactly: only this resource is waived.'
          : <>A glob: <code>*</code> and <code>?</code> stay within one <code>/</code> segment, <code>**</code> crosses them, <code>[abc]</code> and <code>{'{a,b}'}</code> choose. Every matching resource is waived; the list below shows which.</>}
      </small>
      <label htmlFor="exception-justification">Justification</label>
      <textarea id="exception-justification" rows={3} aria-required="true" value={justification} onChange={(e) => setJustification(e.target.value)}
        placeholder="Why this is acceptable until the expiry, and what compensates for it" />
      <label htmlFor="exception-expires">Expires</label>
      <input id="exception-expires" type="date" aria-required="true" min={bounds.min} max={bounds.max} value={day}
        onChange={(e) => setDay(e.target.value)} aria-describedby="exception-expires-hint" />
      <small id="exception-expires-hint" className="hint">
        At most {maxExceptionDays} days from today (the contract's limit): {bounds.max} or earlier.
      </small>
      <SigningKeyFields keys={props.keys} value={signer} onChange={setSigner} />
      {localError && <p role="alert" className="inline-error">{localError}</p>}
      <InlineError error={mutation.error} />
      <div className="actions">
        <button type="submit" disabled={mutation.isPending || props.keys.length === 0}>Request exception</button>
      </div>
    </form>
  );
}

/**
 * Request ONE exception for the findings picked: the core's preview shows exactly what will be
 * listed (exact addresses, grouped by policy) before anything is signed, and exactly that list
 * is signed. One justification, one expiry (capped by the contract), one signature by the
 * requester; co-reviewers add theirs in the exception list.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ExceptionDto, ReviewerKeyDto, WaiverPreviewDto } from '../../../electron/shared/api-types';
import { api, unwrap } from '../api/client';
import { InlineError } from './errors';
import { expiryBounds, expiryInstant } from './expiry';
import { visibleName } from './format';
import type { Pick } from './FindingPicker';
import { useRefreshingMutation } from './sign-queries';
import { SigningKeyFields } from './SigningKeyFields';
import type { SigningKeyValue } from './SigningKeyFields';

type Scope = 'changeset' | 'contract';

/** The core's preview of the picks: the list that will be signed (refused when it cannot be). */
function usePreview(digest: string, picks: readonly Pick[]) {
  return useQuery({
    queryKey: ['previewWaivers', digest, picks],
    queryFn: () => unwrap(api.previewWaivers({ digest, selector: { findings: [...picks] } })),
    enabled: picks.length > 0,
    retry: false,
  });
}

export function ExceptionRequestForm(props: {
  readonly digest: string;
  readonly picks: readonly Pick[];
  readonly maxExceptionDays: number;
  readonly keys: readonly ReviewerKeyDto[];
  readonly onRequested: (e: ExceptionDto) => void;
}) {
  const { maxExceptionDays } = props;
  const bounds = expiryBounds(maxExceptionDays);
  const scopeName = useId();
  const [scope, setScope] = useState<Scope>('changeset');
  const [justification, setJustification] = useState('');
  const [day, setDay] = useState(bounds.initial);
  const [signer, setSigner] = useState<SigningKeyValue>({ keyId: '', passphrase: '' });
  const [localError, setLocalError] = useState<string | null>(null);
  const preview = usePreview(props.digest, props.picks);
  const mutation = useRefreshingMutation((input: { expires: string; list: WaiverPreviewDto }) => unwrap(api.requestException({
    digest: props.digest,
    waives: [...input.list.waives],
    justification: justification.trim(), expires: input.expires, scope,
    keyId: signer.keyId, passphrase: signer.passphrase,
  })));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    mutation.reset();
    const list = preview.data;
    if (props.picks.length === 0 || !list) return setLocalError('Select the findings to waive first: the exact list is shown here before you sign.');
    if (justification.trim() === '') return setLocalError('A justification is required: say why these findings are acceptable until the expiry.');
    const expiry = expiryInstant(day, maxExceptionDays);
    if ('problem' in expiry) return setLocalError(expiry.problem);
    if (signer.passphrase === '') return setLocalError('Type the passphrase of the signing key.');
    mutation.mutate({ expires: expiry.iso, list }, {
      onSuccess: (created) => {
        setSigner((s) => ({ ...s, passphrase: '' }));
        setJustification('');
        props.onRequested(created);
      },
    });
  };

  const total = preview.data?.total ?? 0;
  return (
    <form noValidate aria-label="Request exception" className="sign-form" onSubmit={submit}>
      <h3>Request one exception for the selected findings</h3>
      {props.picks.length === 0
        ? <p className="hint">Nothing selected yet: tick findings above, or use "All deny findings", a severity or a resource pattern.</p>
        : <WaiverPreview preview={preview.data} error={preview.error} loading={preview.isFetching} />}
      <fieldset>
        <legend>Scope</legend>
        <label><input type="radio" name={scopeName} checked={scope === 'changeset'} onChange={() => setScope('changeset')} /> This change set only</label>
        <label><input type="radio" name={scopeName} checked={scope === 'contract'} onChange={() => setScope('contract')} /> These addresses in every change set under this contract, until the expiry</label>
      </fieldset>
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
        <button type="submit" disabled={mutation.isPending || props.keys.length === 0 || !preview.data || preview.isFetching}>
          {total > 0 ? `Sign exception for ${total} finding${total === 1 ? '' : 's'}` : 'Request exception'}
        </button>
      </div>
    </form>
  );
}

/** Exactly what will be signed, by policy. */
function WaiverPreview(props: { readonly preview: WaiverPreviewDto | undefined; readonly error: unknown; readonly loading: boolean }) {
  if (props.error) return <InlineError error={props.error} prefix="Cannot waive this selection" />;
  if (!props.preview) return <p className="hint">{props.loading ? 'Checking the selection…' : ''}</p>;
  const p = props.preview;
  return (
    <section aria-label="Findings this exception waives" className="waiver-preview">
      <p data-testid="waiver-preview-total"><strong>{p.total}</strong> finding{p.total === 1 ? '' : 's'} in {p.groups.length} polic{p.groups.length === 1 ? 'y' : 'ies'} will be waived, exactly these addresses:</p>
      <div className="waiver-preview-list">
        {p.groups.map((g) => (
          <div key={g.policy}>
            <h4>{g.policy} <span className="hint">({g.addresses.length}, {g.severity})</span></h4>
            <ul aria-label={`Waived for ${g.policy}`}>
              {g.addresses.map((a) => <li key={a}><code>{visibleName(a)}</code></li>)}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}

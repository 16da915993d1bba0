/**
 * The exceptions that concern this change set, each with its signatures ("1 of 2 signatures")
 * and, until it has enough, a form to add a signature with another of my keys.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ExceptionDto, ReviewerKeyDto } from '../../../electron/shared/api-types';
import { api, unwrap } from '../api/client';
import { InlineError } from './errors';
import { countOf, shortId, visibleName } from './format';
import { useRefreshingMutation } from './sign-queries';
import { SigningKeyFields } from './SigningKeyFields';
import type { SigningKeyValue } from './SigningKeyFields';
import { EmptyState } from '../components/EmptyState';
import { DateTime } from '../components/DateTime';
import { daysLeftIfSoon } from './expiry';

export function ExceptionList(props: {
  /** The change set under review: the context a contract-wide exception is signed in. */
  readonly digest: string;
  readonly exceptions: readonly ExceptionDto[];
  readonly keys: readonly ReviewerKeyDto[];
  readonly onSigned: (e: ExceptionDto) => void;
}) {
  if (props.exceptions.length === 0) {
    return <EmptyState title="No exceptions requested">Select blocking findings above to request one.</EmptyState>;
  }
  return (
    <ul className="exception-list" aria-label="Exceptions">
      {props.exceptions.map((e) => (
        <li key={e.id}>
          <ExceptionItem digest={props.digest} exception={e} keys={props.keys} onSigned={props.onSigned} />
        </li>
      ))}
    </ul>
  );
}

const STATE_BADGE: Readonly<Record<NonNullable<ExceptionDto['state']>, string>> = {
  'in-force': 'badge pass',
  'awaiting-signatures': 'badge pending',
  stale: 'badge pending',
  expired: 'badge deny',
  'not-in-force': 'badge deny',
};

/** Why it does (not) waive now, in words: "in force", "needs 1 more signature", "signed under revision 2: re-sign under revision 3", "expired". */
function ExceptionStateBadge(props: { readonly exception: ExceptionDto }) {
  const e = props.exception;
  const state = e.state ?? (e.valid ? 'in-force' : 'awaiting-signatures');
  const text = e.stateDetail ?? (e.valid ? 'in force' : 'not in force yet');
  return <span className={STATE_BADGE[state]} data-testid="exception-state">{text}</span>;
}

/** Accessible name of an exception's entry; tests and screen readers find it by policy and resource (a batch: by how many). */
export const exceptionLabel = (e: Pick<ExceptionDto, 'policy' | 'resource' | 'waives'>): string =>
  e.waives.length > 1 ? `Exception ${e.policy} on ${e.waives.length} resources` : `Exception ${e.policy} on ${e.resource}`;

/** An exception in force that expires within the workspace's warning period: said in words, not by colour alone. */
function ExpiringSoonBadge(props: { readonly exception: ExceptionDto }) {
  const settings = useQuery({ queryKey: ['getSettings'], queryFn: () => unwrap(api.getSettings({})) });
  const e = props.exception;
  const inForce = (e.state ?? (e.valid ? 'in-force' : 'awaiting-signatures')) === 'in-force';
  const days = settings.data && inForce ? daysLeftIfSoon(e.expires, settings.data.exceptionExpiryWarningDays) : null;
  if (days === null) return null;
  return <span className="badge pending expiring-soon" data-testid="exception-expiring">{days === 0 ? 'expires today' : `expires in ${days} day${days === 1 ? '' : 's'}`}</span>;
}

function ExceptionItem(props: { readonly digest: string; readonly exception: ExceptionDto; readonly keys: readonly ReviewerKeyDto[]; readonly onSigned: (e: ExceptionDto) => void }) {
  const e = props.exception;
  const signedBy = new Set(e.signatures.map((s) => s.keyId));
  const unsignedKeys = props.keys.filter((k) => !signedBy.has(k.keyId));
  // The quorum counts persons: two keys of one person are one signature of the required number.
  const count = countOf(e.persons ?? e.signatures.length, e.required, 'signature');
  return (
    <article aria-label={exceptionLabel(e)} className="exception">
      <header>
        <strong>{e.policy}</strong> on {e.waives.length > 1 ? `${e.waives.length} resources` : <code>{e.resource}</code>}{' '}
        <ExceptionStateBadge exception={e} /> <ExpiringSoonBadge exception={e} />
      </header>
      <p>
        <span data-testid="signature-count">{count}</span>
        {' · '}{e.changeSetDigest ? 'this change set only' : 'contract-wide'} · expires <DateTime iso={e.expires} /> · requested by {e.requester}
      </p>
      <p className="justification">{e.justification}</p>
      <div className="hint">
        {e.covers.length === 0
          ? <p>It covers no blocking finding of this change set.</p>
          : <>
              <p>{e.valid ? 'Waives' : 'Would waive'} {e.covers.length === 1 ? 'this finding' : `these ${e.covers.length} findings`}:</p>
              <ul aria-label={`Resources covered by ${exceptionLabel(e)}`} data-testid="exception-covers" className="exception-covers">
                {e.covers.map((c) => <li key={`${c.policy}\u0000${c.address}`}><code>{visibleName(c.address)}</code> ({c.policy})</li>)}
              </ul>
            </>}
      </div>
      <p className="hint">
        Signed by {e.signatures.map((s) => `${s.name} (${shortId(s.keyId)})`).join(', ') || 'nobody yet'}. File: <code>{e.file}</code>
      </p>
      {(e.persons ?? e.signatures.length) < e.required && e.state !== 'stale' && e.state !== 'expired' && (
        unsignedKeys.length > 0
          ? <SignExceptionForm digest={props.digest} exception={e} keys={unsignedKeys} onSigned={props.onSigned} />
          : <p className="hint">Every one of your keys has signed it: another reviewer signs the file with their key.</p>
      )}
    </article>
  );
}

function SignExceptionForm(props: { readonly digest: string; readonly exception: ExceptionDto; readonly keys: readonly ReviewerKeyDto[]; readonly onSigned: (e: ExceptionDto) => void }) {
  const [signer, setSigner] = useState<SigningKeyValue>({ keyId: '', passphrase: '' });
  const [localError, setLocalError] = useState<string | null>(null);
  const mutation = useRefreshingMutation(() => unwrap(api.signException({ exceptionId: props.exception.id, keyId: signer.keyId, passphrase: signer.passphrase, digest: props.digest })));
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    setLocalError(null);
    mutation.reset();
    if (signer.passphrase === '') return setLocalError('Type the passphrase of the signing key.');
    mutation.mutate(undefined, {
      onSuccess: (signed) => {
        setSigner((s) => ({ ...s, passphrase: '' }));
        props.onSigned(signed);
      },
    });
  };
  return (
    <form noValidate aria-label={`Sign ${exceptionLabel(props.exception)}`} className="inline-form" onSubmit={submit}>
      <SigningKeyFields keys={props.keys} value={signer} onChange={setSigner} />
      {localError && <p role="alert" className="inline-error">{localError}</p>}
      <InlineError error={mutation.error} />
      <button type="submit" disabled={mutation.isPending}>Sign exception</button>
    </form>
  );
}

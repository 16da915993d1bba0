/**
 * Publish a saved revision: signed by contract-owner keys of its roster (each with its
 * passphrase) with a notAfter, written to the outbox as the contract YAML and its publication
 * for the vendor. Shows the files written.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { PublicationDto } from '../../../electron/shared/contract-editor-types';
import { api, unwrap } from '../api/client';
import { ErrorBox } from '../components/ErrorBox';
import { invalidateContract, useRevisions } from './revision-queries';
import { localInputValue, notAfterInstant, publicationSigners } from './roster-model';
import { DateTime } from '../components/DateTime';

export function PublishDialog(props: {
  readonly contract: string;
  /** The workspace's usable key ids (only those can sign here). */
  readonly workspaceKeyIds: ReadonlySet<string>;
  readonly unsavedRoster: boolean;
  readonly onClose: () => void;
}) {
  const { contract } = props;
  const client = useQueryClient();
  const revisions = useRevisions(contract);
  // Signers come from the SAVED contract's roster, never the draft's: publishing signs a revision.
  const saved = useQuery({ queryKey: ['getContract', contract], queryFn: () => unwrap(api.getContract({ contract })) });
  const signers = publicationSigners(saved.data?.roster ?? [], props.workspaceKeyIds);
  const latest = revisions.data?.[0]?.revision ?? null;
  const [revision, setRevision] = useState<number | null>(null);
  const chosenRevision = revision ?? latest;
  const [passphrases, setPassphrases] = useState<Readonly<Record<string, string>>>({});
  // null = not chosen yet: the first contract owner signs.
  const [picked, setSelected] = useState<ReadonlySet<string> | null>(null);
  const selected = picked ?? new Set(signers.slice(0, 1).map((s) => s.fingerprint));
  const [notAfter, setNotAfter] = useState(() => localInputValue(new Date(), 90));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [published, setPublished] = useState<PublicationDto | null>(null);
  const instant = notAfterInstant(notAfter);
  const chosen = signers.filter((s) => selected.has(s.fingerprint));
  const problem = chosenRevision === null ? 'Save a revision first.'
    : chosen.length === 0 ? 'Choose at least one contract owner to sign.'
    : chosen.some((s) => !passphrases[s.fingerprint]) ? 'Type the passphrase of every chosen key.'
    : instant === null ? 'Not a valid date and time.'
    : new Date(instant).getTime() <= Date.now() ? 'notAfter must be in the future.'
    : null;
  const publish = async () => {
    if (problem || chosenRevision === null || instant === null) return;
    setBusy(true);
    setError(null);
    try {
      const r = await unwrap(api.publishContract({
        contract, revision: chosenRevision, notAfter: instant,
        signers: chosen.map((s) => ({ keyId: s.fingerprint, passphrase: passphrases[s.fingerprint]! })),
      }));
      setPassphrases({});
      setPublished(r);
      await invalidateContract(client);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (published) {
    return (
      <section className="sign-form publish-dialog" role="dialog" aria-label="Published">
        <h3>Revision {published.revision.revision} published</h3>
        <p>{published.dir ? <>Written to <code>{published.dir}</code>. </> : null}Hand these files to the vendor; <code>countersign verify --trust OWNER.pem</code> accepts the contract until <DateTime iso={published.revision.notAfter ?? instant ?? ''} />.</p>
        <ul className="published-files" aria-label="Written files">
          {published.files.map((f) => (
            <li key={f.name}>
              <details>
                <summary><code>{f.name}</code> ({f.text.length.toLocaleString()} characters)</summary>
                <pre>{f.text}</pre>
              </details>
            </li>
          ))}
        </ul>
        <div className="actions"><button type="button" onClick={props.onClose}>Close</button></div>
      </section>
    );
  }
  return (
    <form className="sign-form publish-dialog" role="dialog" aria-label="Publish revision" onSubmit={(e) => { e.preventDefault(); void publish(); }}>
      <h3>Publish {contract}</h3>
      {revisions.error && <ErrorBox title="Cannot list the revisions to publish" error={revisions.error} />}
      {saved.error && <ErrorBox title="Cannot read the saved roster" error={saved.error} />}
      {props.unsavedRoster && <p className="hint warn">The draft has unsaved changes: publishing signs a saved revision and its roster, not the draft.</p>}
      <label htmlFor="publish-revision">Revision</label>
      <select id="publish-revision" value={chosenRevision ?? ''} onChange={(e) => setRevision(Number(e.target.value))}>
        {(revisions.data ?? []).map((r) => <option key={r.revision} value={r.revision}>{r.revision}{r.current ? ' (current)' : ''}{r.comment ? `: ${r.comment.slice(0, 60)}` : ''}</option>)}
      </select>
      <fieldset>
        <legend>Signed by (contract owners whose key is in this workspace)</legend>
        {saved.data && signers.length === 0 && <p className="hint warn">No unrevoked contract owner of the roster has a key in this workspace: add yourself with the contract-owner role and save first.</p>}
        {signers.map((s) => (
          <div className="signer" key={s.fingerprint}>
            <label className="checkbox">
              <input type="checkbox" checked={selected.has(s.fingerprint)} onChange={(e) => {
                const next = new Set(selected);
                if (e.target.checked) next.add(s.fingerprint);
                else next.delete(s.fingerprint);
                setSelected(next);
              }} /> {s.name}
            </label>
            <input type="password" aria-label={`Passphrase of ${s.name}`} placeholder="passphrase" autoComplete="off" disabled={!selected.has(s.fingerprint)}
              value={passphrases[s.fingerprint] ?? ''} onChange={(e) => setPassphrases({ ...passphrases, [s.fingerprint]: e.target.value })} />
          </div>
        ))}
      </fieldset>
      <label htmlFor="publish-not-after">Valid until (your local time)</label>
      <input id="publish-not-after" type="datetime-local" value={notAfter} onChange={(e) => setNotAfter(e.target.value)} />
      {instant && <p className="hint">= {instant} (UTC). After it, verify refuses this publication: publish again before then.</p>}
      {problem && <p className="hint warn" data-testid="publish-problem">{problem}</p>}
      {error !== null && <ErrorBox title="Not published" error={error} />}
      <div className="actions">
        <button type="submit" disabled={problem !== null || busy}>{busy ? 'Signing…' : 'Sign and publish'}</button>
        <button type="button" onClick={props.onClose}>Cancel</button>
      </div>
    </form>
  );
}

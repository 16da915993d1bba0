/**
 * A key's public half as PEM, to hand to co-reviewers (who trust it) and to the vendor (whose
 * `countersign verify --trust` needs it): shown, copyable, and downloadable as a .pem file.
 */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { CopyButton } from '../components/CopyButton';
import { ErrorBox } from '../components/ErrorBox';

/** A file name from the key's name: `alice-reviewer.pem`. */
export function pemFileName(name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${base || 'public-key'}.pem`;
}

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-pem-file' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled, so the download can start.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PublicKeyExport(props: { readonly keyId: string; readonly name: string; readonly onClose: () => void }) {
  const pem = useQuery({ queryKey: ['exportPublicKey', props.keyId], queryFn: () => unwrap(api.exportPublicKey({ keyId: props.keyId })) });
  return (
    <section aria-label={`Public key of ${props.name}`} className="pem-export">
      <h3>Public key of {props.name}</h3>
      <p className="hint">
        Give this to co-reviewers (Keys &amp; trust → Import) and to the vendor, whose pipeline passes it to
        <code> countersign verify --trust</code>. It contains no secret.
      </p>
      {pem.error && <ErrorBox title="Cannot export the public key" error={pem.error} onRetry={() => void pem.refetch()} />}
      {pem.data && (
        <>
          <pre aria-label="Public key PEM" tabIndex={0} data-testid="public-key-pem">{pem.data.pem}</pre>
          <div className="actions">
            <CopyButton value={pem.data.pem} label={`Copy the public key of ${props.name}`} />
            <button type="button" onClick={() => download(pemFileName(props.name), pem.data.pem)}>Download .pem</button>
            <button type="button" onClick={props.onClose}>Close</button>
          </div>
        </>
      )}
    </section>
  );
}

/** The workspace's own signing keys and the public keys it trusts, with fingerprints and revoked state. */
import type { KeyListDto } from '../../../electron/shared/api-types';
import { RevokeButton } from './RevokeButton';
import { EmptyState } from '../components/EmptyState';
import { DateTime } from '../components/DateTime';

function Fingerprint(props: { readonly id: string }) {
  return <code className="fingerprint" title={props.id}>{props.id}</code>;
}

function Status(props: { readonly revokedAt: string | null }) {
  return props.revokedAt
    ? <span className="badge revoked">revoked <DateTime iso={props.revokedAt} /></span>
    : <span className="badge pass">active</span>;
}

export function ReviewerKeyTable(props: { readonly keys: KeyListDto['reviewerKeys']; readonly onExport: (keyId: string, name: string) => void }) {
  if (props.keys.length === 0) {
    return <EmptyState title="No signing keys yet">Create one below to approve change sets and sign exceptions.</EmptyState>;
  }
  return (
    <table aria-label="My signing keys" className="key-table">
      <thead><tr><th>Name</th><th>Key id (fingerprint)</th><th>Created</th><th>Status</th><th><span className="visually-hidden">Actions</span></th></tr></thead>
      <tbody>
        {props.keys.map((k) => (
          <tr key={k.keyId} className={k.revokedAt ? 'revoked-key' : undefined}>
            <td>{k.name}</td>
            <td><Fingerprint id={k.keyId} /></td>
            <td><DateTime iso={k.createdAt} /></td>
            <td><Status revokedAt={k.revokedAt} /></td>
            <td className="actions">
              <button type="button" onClick={() => props.onExport(k.keyId, k.name)} aria-label={`Export public key of ${k.name}`}>Export public key</button>
              {!k.revokedAt && <RevokeButton keyId={k.keyId} name={k.name} consequence="It can no longer sign, and its signatures stop counting." />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TrustedKeyTable(props: { readonly keys: KeyListDto['trustedKeys'] }) {
  if (props.keys.length === 0) {
    return <EmptyState title="No trusted keys yet">Import a co-reviewer's or the vendor's public key below.</EmptyState>;
  }
  return (
    <table aria-label="Trusted keys" className="key-table">
      <thead><tr><th>Name</th><th>Role</th><th>Key id (fingerprint)</th><th>Added</th><th>Status</th><th><span className="visually-hidden">Actions</span></th></tr></thead>
      <tbody>
        {props.keys.map((k) => (
          <tr key={k.keyId}>
            <td>{k.name}</td>
            <td>{k.role === 'vendor' ? 'vendor' : k.role === 'contract-owner' ? 'contract owner' : 'co-reviewer'}</td>
            <td><Fingerprint id={k.keyId} /></td>
            <td><DateTime iso={k.addedAt} /></td>
            <td><Status revokedAt={k.revokedAt} /></td>
            <td className="actions">
              {!k.revokedAt && <RevokeButton keyId={k.keyId} name={k.name} consequence="Signatures made with it stop counting." />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

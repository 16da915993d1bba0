/** Keys & trust: my signing keys (create, export, revoke) and the public keys I trust (import, revoke). */
import { useState } from 'react';
import { CreateKeyForm } from '../keys/CreateKeyForm';
import { ImportKeyForm } from '../keys/ImportKeyForm';
import { useKeyList } from '../keys/key-queries';
import { ReviewerKeyTable, TrustedKeyTable } from '../keys/KeyTables';
import { PublicKeyExport } from '../keys/PublicKeyExport';
import { ErrorBox } from '../components/ErrorBox';
import '../sign/review-forms.css';

export function KeysScreen() {
  const keys = useKeyList();
  const [exporting, setExporting] = useState<{ readonly keyId: string; readonly name: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="keys-screen">
      <h1>Keys &amp; trust</h1>
      {keys.error && <ErrorBox title="Cannot list the keys" error={keys.error} onRetry={() => void keys.refetch()} />}
      {notice && <p role="status">{notice}</p>}
      <section>
        <h2>My signing keys</h2>
        {keys.data && <ReviewerKeyTable keys={keys.data.reviewerKeys} onExport={(keyId, name) => setExporting({ keyId, name })} />}
        {exporting && <PublicKeyExport key={exporting.keyId} keyId={exporting.keyId} name={exporting.name} onClose={() => setExporting(null)} />}
      </section>
      <CreateKeyForm onCreated={(k) => { setNotice(`Created key ${k.name} (${k.keyId}).`); setExporting({ keyId: k.keyId, name: k.name }); }} />
      <section>
        <h2>Trusted keys</h2>
        {keys.data && <TrustedKeyTable keys={keys.data.trustedKeys} />}
      </section>
      <ImportKeyForm onImported={(name) => setNotice(`Now trusting ${name}.`)} />
    </div>
  );
}

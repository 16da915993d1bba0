/**
 * Keys & trust: my personal signing key (create once, export, rotate, revoke) and the public
 * keys I trust (import, revoke). One person, one key: while a personal key is in force the
 * create form gives way to "Rotate key".
 */
import { useState } from 'react';
import type { RotateKeyDto } from '../../../electron/shared/api-types';
import { CreateKeyForm } from '../keys/CreateKeyForm';
import { ImportKeyForm } from '../keys/ImportKeyForm';
import { useKeyList, usableKeys } from '../keys/key-queries';
import { ReviewerKeyTable, TrustedKeyTable } from '../keys/KeyTables';
import { PublicKeyExport } from '../keys/PublicKeyExport';
import { PersonalKeyNote } from '../keys/PersonalKeyNote';
import { RotateKeyForm, RotationResult } from '../keys/RotateKeyForm';
import { ErrorBox } from '../components/ErrorBox';
import '../sign/review-forms.css';
import '../keys/keys.css';

export function KeysScreen() {
  const keys = useKeyList();
  const [exporting, setExporting] = useState<{ readonly keyId: string; readonly name: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [rotating, setRotating] = useState(false);
  const [rotated, setRotated] = useState<RotateKeyDto | null>(null);
  const personal = usableKeys(keys.data?.reviewerKeys);
  return (
    <div className="keys-screen">
      <h1>Keys &amp; trust</h1>
      {keys.error && <ErrorBox title="Cannot list the keys" error={keys.error} onRetry={() => void keys.refetch()} />}
      {notice && <p role="status">{notice}</p>}
      <section>
        <h2>My signing key</h2>
        {keys.data && <ReviewerKeyTable keys={keys.data.reviewerKeys} onExport={(keyId, name) => setExporting({ keyId, name })} />}
        {rotated && <RotationResult result={rotated} />}
        {exporting && <PublicKeyExport key={exporting.keyId} keyId={exporting.keyId} name={exporting.name} onClose={() => setExporting(null)} />}
      </section>
      {keys.data && personal.length === 0 && (
        <CreateKeyForm onCreated={(k) => { setRotated(null); setNotice(`Created key ${k.name} (${k.keyId}).`); setExporting({ keyId: k.keyId, name: k.name }); }} />
      )}
      {personal.length > 0 && (
        <PersonalKeyNote personal={personal} rotating={rotating} onRotate={() => { setNotice(null); setRotated(null); setRotating(true); }} />
      )}
      {personal.length > 0 && rotating && (
        <RotateKeyForm
          personal={personal}
          onCancel={() => setRotating(false)}
          onRotated={(r) => { setRotating(false); setRotated(r); setExporting({ keyId: r.newKey.keyId, name: r.newKey.name }); }}
        />
      )}
      <section>
        <h2>Trusted keys</h2>
        {keys.data && <TrustedKeyTable keys={keys.data.trustedKeys} />}
      </section>
      <ImportKeyForm onImported={(name) => setNotice(`Now trusting ${name}.`)} />
    </div>
  );
}

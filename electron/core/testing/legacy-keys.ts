import { newKeyMaterial } from '../app/key-service';
import { openWorkspace } from '../store';
import type { ReviewerKey, Workspace } from '../store';

/**
 * Adds another own key to a workspace the way builds before the one-personal-key rule did
 * (tests of workspaces that already hold several keys, and of quorum counted by person).
 * The app itself refuses a second personal key; this writes the row and its audit entry directly.
 */
export async function addLegacyReviewerKey(ws: Workspace, input: { readonly name: string; readonly passphrase: string }): Promise<ReviewerKey> {
  const k = await newKeyMaterial(input.name, input.passphrase, 'name');
  ws.db.transaction(() => {
    ws.db.prepare('INSERT INTO reviewer_keys (id, name, public_pem, encrypted_private_key, kdf, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(k.id, k.name, k.publicKeyPem, k.encryptedPrivateKey, JSON.stringify(k.kdf), new Date().toISOString());
    ws.audit.append({ action: 'key.create', subject: k.id, details: { name: k.name } });
  }).immediate();
  return ws.keys.getReviewerKey(k.id)!;
}

/** The same, on the workspace file at `path` (CLI tests: the built CLI refuses a second key). */
export async function addLegacyReviewerKeyAt(path: string, input: { readonly name: string; readonly passphrase: string }): Promise<string> {
  const ws = openWorkspace(path, { actor: 'os:tester' });
  try {
    return (await addLegacyReviewerKey(ws, input)).id;
  } finally {
    ws.close();
  }
}

// Migration 6 rebuilds trusted_keys to allow the role `contract-owner` (SQLite cannot change a
// CHECK): a workspace at schema 5 keeps every trusted key as it was, revocations included, and
// the rebuilt table is as immutable as before.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { APPLICATION_ID, SCHEMA_VERSION } from './open-database';
import { MIGRATIONS } from './schema';
import { openWorkspace } from './workspace';

const dir = mkdtempSync(join(tmpdir(), 'countersign-migration-6-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const fp = (c: string) => `sha256:${c.repeat(64)}`;

test('a schema-5 workspace opens at the current schema with its trusted keys unchanged, and takes contract-owner keys', () => {
  const file = join(dir, 'countersign.db');
  const db = new Database(file);
  for (let v = 0; v < 5; v++) db.exec(MIGRATIONS[v]!);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma('user_version = 5');
  db.prepare('INSERT INTO trusted_keys (fingerprint, name, role, public_pem, added_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(fp('a'), 'Bob', 'reviewer', 'PEM-A', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z');
  db.prepare('INSERT INTO trusted_keys (fingerprint, name, role, public_pem, added_at) VALUES (?, ?, ?, ?, ?)')
    .run(fp('b'), 'Acme CI', 'vendor', 'PEM-B', '2026-01-02T00:00:00.000Z');
  db.close();

  const ws = openWorkspace(file);
  try {
    assert.equal(ws.schemaVersion, SCHEMA_VERSION);
    assert.deepEqual(ws.keys.listTrustedKeys().map((k) => [k.fingerprint, k.name, k.role, k.publicKeyPem, k.revokedAt]), [
      [fp('a'), 'Bob', 'reviewer', 'PEM-A', '2026-02-01T00:00:00.000Z'],
      [fp('b'), 'Acme CI', 'vendor', 'PEM-B', null],
    ]);
    const owner = ws.keys.trustKey({ fingerprint: fp('c'), name: 'Olivia', role: 'contract-owner', publicKeyPem: 'PEM-C' });
    assert.equal(owner.value.role, 'contract-owner');
    assert.deepEqual(ws.keys.listTrustedKeys('contract-owner').map((k) => k.name), ['Olivia']);
    // Still immutable: no role change, no second revocation, no delete.
    assert.throws(() => ws.db.prepare("UPDATE trusted_keys SET role = 'contract-owner' WHERE fingerprint = ?").run(fp('b')), /immutable/);
    assert.throws(() => ws.db.prepare("UPDATE trusted_keys SET revoked_at = 'x' WHERE fingerprint = ?").run(fp('a')), /already revoked/);
    assert.throws(() => ws.db.prepare('DELETE FROM trusted_keys WHERE fingerprint = ?').run(fp('b')), /never deleted/);
    assert.throws(() => ws.db.prepare("INSERT INTO trusted_keys (fingerprint, name, role, public_pem, added_at) VALUES ('x', 'x', 'owner', 'x', 'x')").run(), /CHECK/);
  } finally {
    ws.close();
  }
});

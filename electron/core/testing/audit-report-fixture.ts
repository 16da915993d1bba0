// A workspace for audit report tests: the demo contract (one exception signature needed), the
// blocked demo release with an exception in force (a waived finding) and a signed approval.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initWorkspace } from '../store';
import type { Workspace } from '../store';
import { repoRoot } from './corpus';
import type { RosterEntry } from '../base/roster';
import { addLegacyReviewerKey } from './legacy-keys';
import { approveChangeSet, createKey, exportKey, importChangeSet, importContract, publishContract, requestException } from '../app';

export const DEMO = join(repoRoot, 'electron/demo');
export const PASS = 'a long enough passphrase';

export interface AuditFixture {
  readonly dir: string;
  readonly ws: Workspace;
  readonly digest: string;
  readonly aliceId: string;
  readonly outboxDir: string;
  readonly cleanup: () => void;
}

/** Exceptions the blocked release needs before it may be approved: one per blocking finding. */
const WAIVERS = [
  { policy: 'db-no-replace', address: 'module.database.aws_db_instance.main' },
  { policy: 'maintenance-window', address: 'module.database.aws_db_instance.main' },
  { policy: 'k8s-resource-limits', pattern: 'Deployment/acme-analytics/*' },
] as const;

export async function auditFixture(options: { readonly vendor?: string; readonly justification?: string } = {}): Promise<AuditFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-audit-report-'));
  const ws = initWorkspace(join(dir, 'countersign.db'));
  const owner = await createKey(ws, { name: 'Olivia Owner', passphrase: PASS });
  const alice = await addLegacyReviewerKey(ws, { name: 'Alice', passphrase: PASS });
  const entry = (k: { id: string; name: string }, roles: RosterEntry['roles']): RosterEntry => ({ name: k.name, email: '', fingerprint: k.id, publicKey: exportKey(ws, k.id).pem, roles });
  const text = readFileSync(join(DEMO, 'contract.yaml'), 'utf8').replace('countersign.dev/v2', 'countersign.dev/v3').replace('exceptionQuorum: 2', 'exceptionQuorum: 1')
    .replace(/^  vendor: .*$/m, `  vendor: ${JSON.stringify(options.vendor ?? 'Acme Analytics')}`);
  writeFileSync(join(dir, 'contract.yaml'), `${text}roster: ${JSON.stringify([entry(owner, ['contract-owner']), entry(alice, ['approver', 'exception-signer'])])}\n`);
  const imported = importContract(ws, join(dir, 'contract.yaml'), 'test');
  await publishContract(ws, { contract: imported.revision.contract, revision: imported.revision.revision, signers: [{ keyId: owner.id, passphrase: PASS }], notAfter: new Date(Date.now() + 30 * 86_400_000) });
  let bundle = join(DEMO, 'bundles/acme-2.14.0-blocked');
  if (options.vendor !== undefined) bundle = withVendor(dir, bundle, options.vendor);
  const digest = (await importChangeSet(ws, [bundle])).digest;
  const outboxDir = join(dir, 'outbox');
  for (const w of WAIVERS) {
    await requestException(ws, {
      digest, waives: [w], justification: options.justification ?? 'migration window agreed with the vendor', expires: new Date(Date.now() + 7 * 86_400_000),
      keyId: alice.id, passphrase: PASS, outboxDir,
    });
  }
  await approveChangeSet(ws, { digest, keyId: alice.id, passphrase: PASS, outboxDir, comment: 'reviewed with the DBA' });
  return { dir, ws, digest, aliceId: alice.id, outboxDir, cleanup: () => { ws.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** A copy of a demo bundle whose manifest names another vendor (hostile names for escaping tests). */
function withVendor(dir: string, bundle: string, vendor: string): string {
  const copy = join(dir, 'bundle');
  rmSync(copy, { recursive: true, force: true });
  cpSync(bundle, copy, { recursive: true });
  const manifest = join(copy, 'changeset.yaml');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/^  vendor: .*$/m, `  vendor: ${JSON.stringify(vendor)}`));
  return copy;
}

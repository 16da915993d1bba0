// Co-signing across machines (issue 10): Alice sends a signing request, Bob receives it in his
// own workspace, co-signs with the normal signException, and Alice imports his signed file.
// The request is hostile input: every refusal names the reason and stores nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addSignature, generateReviewerKey } from '../../signing';
import { currentAuditHead, initWorkspace } from '../../store';
import type { Workspace } from '../../store';
import { BLOCKED_BUNDLE, COSIGN_PASS, twoWorkspaces } from '../../testing/cosign-fixtures';
import type { TwoWorkspaces } from '../../testing/cosign-fixtures';
import { importAttestations } from '../import-attestations';
import { createKey, exportKey, importChangeSet, importContract, publishContract, requestException, signException, trustKey } from '../index';
import { judgeCurrent, workspaceContext } from '../review-context';
import { buildSigningRequest, receiveSigningRequest, writeSigningRequest } from './index';
import type { SigningRequest } from './index';
import { otherBase64Spelling } from '../../testing/base64-spelling';

const dir = mkdtempSync(join(tmpdir(), 'countersign-cosign-'));
let w: TwoWorkspaces;
let requestText: string;
let requestName: string;

before(async () => {
  w = await twoWorkspaces(dir);
  const built = buildSigningRequest(w.a, { digest: w.digest, note: 'please co-sign the limits exception' });
  requestName = built.fileName;
  requestText = readFileSync(writeSigningRequest(w.outboxA, built), 'utf8');
});
after(() => {
  w.a.close();
  w.b.close();
  rmSync(dir, { recursive: true, force: true });
});

const seq = (ws: Workspace): number => currentAuditHead(ws)?.seq ?? 0;
const tampered = (edit: (r: SigningRequest) => void): string => {
  const r = JSON.parse(requestText) as SigningRequest;
  edit(r);
  return JSON.stringify(r);
};
/** Receiving `text` in `ws` is refused with `message`, and nothing is stored (no audit entry written). */
function refused(ws: Workspace, text: string, message: RegExp, source = 'request.json'): void {
  const before = seq(ws);
  assert.throws(() => receiveSigningRequest(ws, { text, source }), (err: Error) => {
    assert.match(err.message, message);
    return true;
  });
  assert.equal(seq(ws), before, 'a refused request stores nothing');
}

describe('signing request: the file', () => {
  test('is named <vendor>-<release>-<digest12>, escaped, holds the change set, the published revision and the pending exception', () => {
    assert.match(requestName, /^Acme_Analytics-2\.14\.0-[0-9a-f]{12}\.countersign-request\.json$/);
    const r = JSON.parse(requestText) as SigningRequest;
    assert.equal(r.changeSet.digest, w.digest);
    assert.equal(r.contract.revision, 3);
    assert.equal(r.contract.publications.length, 1);
    assert.equal(r.pending.length, 1);
    assert.equal(r.requestedBy.keyId, w.alice.id);
  });
});

describe('signing request: refusals store nothing', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const rows: readonly { name: string; text: () => string; message: RegExp }[] = [
    { name: 'bad JSON, with its line', text: () => '{\n  "apiVersion": "countersign.dev/signing-request/v1",\n  "changeSet": {,\n}', message: /request\.json:3:\d+: malformed JSON/ },
    { name: 'not a signing request', text: () => '{"apiVersion": "v0"}', message: /not a valid signing request .*apiVersion/ },
    { name: 'an unknown field (strict schema)', text: () => tampered((r) => Object.assign(r, { extra: 1 })), message: /not a valid signing request/ },
    { name: 'tampered file bytes (sha256 fixed up): the digest no longer matches', text: () => tampered((r) => {
      const f = r.changeSet.files.find((x) => x.path !== 'changeset.yaml')!;
      const bytes = Buffer.concat([Buffer.from(f.dataBase64, 'base64'), Buffer.from('\n\n')]);
      f.dataBase64 = bytes.toString('base64');
      f.sha256 = createHash('sha256').update(bytes).digest('hex');
    }), message: /its files make change set sha256:[0-9a-f]{64}, not the sha256:/ },
    { name: 'tampered file bytes (sha256 as before)', text: () => tampered((r) => { r.changeSet.files[1]!.dataBase64 = b64('x'); }), message: /do not hash to the sha256 the request states/ },
    { name: 'a file the manifest does not list', text: () => tampered((r) => { r.changeSet.files.push({ path: 'extra.yaml', sha256: sha(''), dataBase64: '' }); }), message: /holds "extra\.yaml", which its changeset\.yaml does not list/ },
    { name: 'tampered contract text', text: () => tampered((r) => { r.contract.text = r.contract.text.replace('quorum: 2,', 'quorum: 1,'); }), message: /resolves to sha256:[0-9a-f]+, not the sha256:[0-9a-f]+ it states/ },
    { name: 'a publication of another contract text (the roster edited after publishing)', text: () => tampered((r) => {
      r.contract.text = r.contract.text.replace('"email":""', '"email":"mallory@example.com"');
    }), message: /revision 3: its publication does not hold here: .*signs a different roster/ },
    { name: 'a forged pending signature', text: () => tampered((r) => {
      const sig = r.pending[0]!.signatures[0]!;
      sig.sig = Buffer.from(Buffer.from(sig.sig, 'base64').map((x, i) => (i === 0 ? x ^ 1 : x))).toString('base64');
    }), message: /pending\.0: refused, not signed: the signature by Alice .* does not verify/ },
    { name: 'a pending signature by a key outside the published roster', text: () => tampered((r) => {
      r.pending[0] = addSignature(r.pending[0], generateReviewerKey().privateKey, 'x') as never;
    }), message: /pending\.0: refused, not signed: it carries a signature by sha256:[0-9a-f]+, a key this workspace does not trust/ },
    { name: 'a pending statement moved among the publications (never skipped quietly)', text: () => tampered((r) => { r.contract.publications.push(r.pending[0]!); }), message: /publications\.1 is not a contract publication/ },
    { name: 'a requester the roster does not list', text: () => tampered((r) => { r.requestedBy.keyId = `sha256:${'a'.repeat(64)}`; }), message: /names requester sha256:a{64}, a key the published roster does not list/ },
  ];
  for (const row of rows) test(row.name, () => refused(w.b, row.text(), row.message));

  const paths: readonly [string, RegExp][] = [
    ['../escape.yaml', /escapes the bundle/],
    ['/etc/passwd', /absolute path/],
    ['C:/x.yaml', /absolute path/],
    ['infra\\plan.json', /backslash/],
    ['infra/./plan.json', /not written in its plain form/],
    ['infra//plan.json', /not written in its plain form/],
    ['a\nb.yaml', /control character/],
    ['a\u202eb.yaml', /invisible or line-breaking character/],
  ];
  for (const [path, message] of paths) {
    test(`a file path ${JSON.stringify(path)}`, () => refused(w.b, tampered((r) => { r.changeSet.files[1]!.path = path; }), message));
  }
  test("a file's bytes spelled another way in base64: refused naming its path", () => refused(w.b, tampered((r) => {
    const f = r.changeSet.files.find((x) => x.dataBase64.endsWith('='))!;
    f.dataBase64 = otherBase64Spelling(f.dataBase64);
  }), /: dataBase64 is not valid base64/));
  test('two paths one file system takes for the same file', () => refused(w.b, tampered((r) => {
    r.changeSet.files.push({ ...r.changeSet.files[1]!, path: r.changeSet.files[1]!.path.toUpperCase() });
  }), /names the same file as/));

  test('over the size cap (the input limit in base64 plus 16 MiB), and a file over the input limit', () => {
    const old = process.env.COUNTERSIGN_MAX_INPUT_MB;
    process.env.COUNTERSIGN_MAX_INPUT_MB = '0.001';
    try {
      refused(w.b, `{"pad": "${'x'.repeat(17 * 1024 * 1024)}"}`, /over the .* limit \(the input limit for its files/);
      refused(w.b, requestText, /over the 1\.0 KiB input limit|over the .* input limit/);
    } finally {
      if (old === undefined) delete process.env.COUNTERSIGN_MAX_INPUT_MB;
      else process.env.COUNTERSIGN_MAX_INPUT_MB = old;
    }
  });

  test('a publication by a key the receiver does not trust as contract owner', async () => {
    const stranger = initWorkspace(join(dir, 'stranger.db'));
    try {
      refused(stranger, requestText, /contract acme-prod-eu revision 3: was published by Alice \(sha256:[0-9a-f]+\), none of which this workspace trusts as contract owner/);
    } finally {
      stranger.close();
    }
  });
});

function sha(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

describe('co-signing across two workspaces', () => {
  test('Bob receives the request, co-signs with the normal form, Alice imports his file: 2 of 2', async () => {
    const received = receiveSigningRequest(w.b, { text: requestText, source: requestName });
    assert.equal(received.changeSet.digest, w.digest, 'the same change set, rebuilt from the files');
    assert.equal(received.contract.publishedRevision, 3);
    assert.equal(received.contract.saved, true);
    assert.deepEqual(received.requestedBy, { keyId: w.alice.id, name: 'Alice' });
    assert.equal(received.note, 'please co-sign the limits exception');
    assert.deepEqual(received.pending.map((p) => [p.kind, p.digest, p.added]), [['exception', w.exception.digest, 1]]);
    // The same review: the same contract digest judges it, with the same findings.
    const judgedA = judgeCurrent(w.a, workspaceContext(w.a), w.digest, new Date());
    const judgedB = judgeCurrent(w.b, workspaceContext(w.b), w.digest, new Date());
    assert.equal(judgedB.active.contract.digest, judgedA.active.contract.digest);
    assert.equal(judgedB.findings.length, judgedA.findings.length);
    assert.deepEqual(judgedB.verification.exceptions.map((e) => e.signers), [[w.alice.id]]);
    // Receiving the same request again stores nothing new.
    const again = receiveSigningRequest(w.b, { text: requestText, source: requestName });
    assert.equal(again.changeSet.created, false);
    assert.deepEqual(again.pending.map((p) => p.added), [0]);

    const stored = w.b.attestations.getExceptionByStatement(w.exception.digest)!;
    const signed = await signException(w.b, { envelopeText: stored.signatures.at(-1)!.envelope, source: 'exception', keyId: w.bob.id, passphrase: COSIGN_PASS, outboxDir: w.outboxB });
    assert.deepEqual(signed.signers, [w.alice.id, w.bob.id].sort());

    const imported = importAttestations(w.a, [{ name: signed.file.name, text: readFileSync(signed.path, 'utf8') }]);
    assert.deepEqual(imported.changeSets, [w.digest]);
    assert.equal(imported.statements[0]!.kind, 'exception');
    assert.equal(imported.statements[0]!.summary, `1 signature recorded: exception ${w.exception.digest.slice(0, 19)}… now 2 of 2`);
    const after = judgeCurrent(w.a, workspaceContext(w.a), w.digest, new Date()).verification;
    const e = after.exceptions.find((x) => x.digest === w.exception.digest)!;
    assert.equal(e.valid, true, 'quorum met: the exception counts');
    // The same file again: nothing new.
    assert.equal(importAttestations(w.a, [{ name: signed.file.name, text: readFileSync(signed.path, 'utf8') }]).statements[0]!.added, 0);
  });

  test('a request made under an older publication than the receiver holds is refused', async () => {
    // Alice publishes revision 4 (Bob gets an email) and sends a new request: Bob accepts it.
    writeFileSync(join(dir, 'r4.yaml'), w.contractText().replace('"email":""', '"email":"bob@example.com"'));
    importContract(w.a, join(dir, 'r4.yaml'), 'test');
    assert.throws(() => buildSigningRequest(w.a, { digest: w.digest }), /is not published: publish revision 4 first/);
    await publishContract(w.a, { contract: 'acme-prod-eu', revision: 4, signers: [{ keyId: w.alice.id, passphrase: COSIGN_PASS }], notAfter: new Date(Date.now() + 86_400_000) });
    const r4 = buildSigningRequest(w.a, { digest: w.digest });
    assert.equal(receiveSigningRequest(w.b, { text: r4.text, source: r4.fileName }).contract.publishedRevision, 4);
    refused(w.b, requestText, /your workspace holds revision 4 of contract acme-prod-eu, published .*; the request was made under revision 3: ask the requester to re-sign under revision 4/);
  });

  test('a publication by a key Bob trusts only as a reviewer is refused: only contract owners he trusts publish contracts for him', async () => {
    const d = initWorkspace(join(dir, 'dave.db'));
    try {
      const dave = await createKey(d, { name: 'Dave', passphrase: COSIGN_PASS });
      const davePem = exportKey(d, dave.id).pem;
      trustKey(w.b, { pem: davePem, source: 'dave.pem', name: 'Dave', role: 'reviewer' });
      const roster = JSON.stringify([{ name: 'Dave', email: '', fingerprint: dave.id, publicKey: davePem, roles: ['contract-owner', 'approver', 'exception-signer'] }]);
      writeFileSync(join(dir, 'dave.yaml'), w.contractText().replace(/^roster: .*$/m, `roster: ${roster}`).replace('name: acme-prod-eu', 'name: dave-vendor').replace('vendor: Acme Analytics', 'vendor: Dave Corp'));
      importContract(d, join(dir, 'dave.yaml'), 'test');
      await publishContract(d, { contract: 'dave-vendor', revision: 1, signers: [{ keyId: dave.id, passphrase: COSIGN_PASS }], notAfter: new Date(Date.now() + 86_400_000) });
      const dir2 = join(dir, 'dave-bundle');
      cpSync(BLOCKED_BUNDLE, dir2, { recursive: true });
      writeFileSync(join(dir2, 'changeset.yaml'), readFileSync(join(dir2, 'changeset.yaml'), 'utf8').replace('vendor: Acme Analytics', 'vendor: Dave Corp'));
      const { digest } = await importChangeSet(d, [dir2]);
      refused(w.b, buildSigningRequest(d, { digest }).text, /was published by Dave \(sha256:[0-9a-f]{64}\), none of which this workspace trusts as contract owner/);
    } finally {
      d.close();
    }
  });

  test("a reviewer Bob trusts cannot replace Bob's contract, nor take its vendor over with another contract", async () => {
    // Carol: a contract owner Bob trusts (for another contract; not an owner of his) publishes her own revisions.
    const c = initWorkspace(join(dir, 'carol.db'));
    try {
      const carol = await createKey(c, { name: 'Carol', passphrase: COSIGN_PASS });
      const carolPem = exportKey(c, carol.id).pem;
      trustKey(w.b, { pem: carolPem, source: 'carol.pem', name: 'Carol', role: 'contract-owner' });
      const roster = JSON.stringify([{ name: 'Carol', email: '', fingerprint: carol.id, publicKey: carolPem, roles: ['contract-owner', 'approver', 'exception-signer'] }]);
      const hers = (name: string, n: number) => w.contractText().replace(/^roster: .*$/m, `roster: ${roster}`).replace('name: acme-prod-eu', `name: ${name}`).replace('quorum: 2,', 'quorum: 1,') + `# ${n}\n`;
      await importChangeSet(c, [BLOCKED_BUNDLE]);
      const requestOf = async (name: string): Promise<string> => {
        for (let n = 1; n <= 6; n++) {
          writeFileSync(join(dir, `carol-${name}-${n}.yaml`), hers(name, n));
          importContract(c, join(dir, `carol-${name}-${n}.yaml`), 'test');
        }
        await publishContract(c, { contract: name, revision: 6, signers: [{ keyId: carol.id, passphrase: COSIGN_PASS }], notAfter: new Date(Date.now() + 86_400_000) });
        return buildSigningRequest(c, { digest: w.digest }).text;
      };
      refused(w.b, await requestOf('acme-prod-eu'), /contract acme-prod-eu revision 6 was published by Carol, whom your revision \d+ of that contract does not list as contract owner/);
      refused(w.b, await requestOf('acme-evil'), /contract acme-evil is for vendor "Acme Analytics", which your contract acme-prod-eu already judges/);
      // Narrower than Bob's vendor-wide contract: the more specific selector would win Bob's prod-eu change sets.
      const narrow = hers;
      const withInstall = (name: string, n: number) => narrow(name, n).replace('vendor: Acme Analytics', 'vendor: Acme Analytics\n  install: prod-eu');
      const requestOfNarrow = async (name: string): Promise<string> => {
        for (let n = 1; n <= 6; n++) {
          writeFileSync(join(dir, `carol-${name}-${n}.yaml`), withInstall(name, n));
          importContract(c, join(dir, `carol-${name}-${n}.yaml`), 'test');
        }
        await publishContract(c, { contract: name, revision: 6, signers: [{ keyId: carol.id, passphrase: COSIGN_PASS }], notAfter: new Date(Date.now() + 86_400_000) });
        return buildSigningRequest(c, { digest: w.digest }).text;
      };
      refused(w.b, await requestOfNarrow('acme-narrow'), /contract acme-narrow is for vendor "Acme Analytics" install "prod-eu", which your contract acme-prod-eu already judges/);
      assert.equal(w.b.contracts.latestRevision('acme-narrow'), null, 'nothing stored');
    } finally {
      c.close();
    }
  });

  test('a contract-wide exception under the revision travels too, and is stored with its signature', async () => {
    const wide = await requestException(w.a, {
      digest: w.digest, scope: 'contract', waives: [{ policy: 'k8s-resource-limits', pattern: 'Deployment/acme-analytics/acme-export-*' }], justification: 'known vendor limitation',
      expires: new Date(Date.now() + 86_400_000), keyId: w.alice.id, passphrase: COSIGN_PASS, outboxDir: w.outboxA,
    });
    const built = buildSigningRequest(w.a, { digest: w.digest });
    assert.ok(built.contents.exceptions.some((e) => e.digest === wide.digest));
    const received = receiveSigningRequest(w.b, { text: built.text, source: built.fileName });
    assert.deepEqual(received.pending.find((p) => p.digest === wide.digest)?.added, 1);
    assert.equal(w.b.attestations.getExceptionByStatement(wide.digest)?.changeSetDigest, null);
  });

  test('a contract without a roster: nothing to send', async () => {
    const c = initWorkspace(join(dir, 'c.db'));
    try {
      writeFileSync(join(dir, 'plain.yaml'), readFileSync(join(dir, 'r1.yaml'), 'utf8'));
      importContract(c, join(dir, 'plain.yaml'), 'test');
      const { digest } = await importChangeSet(c, [BLOCKED_BUNDLE]);
      assert.throws(() => buildSigningRequest(c, { digest }), /has no reviewer roster/);
    } finally {
      c.close();
    }
  });
});


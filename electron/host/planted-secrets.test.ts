// The planted-secret search over the desktop API: a change set with a secret planted in every
// style is imported through the real handlers into a real workspace, every API method is called
// (errors included), and the answers, the log lines, the outbox files and the workspace's
// derived rows are searched for the markers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { deserialize } from 'node:v8';
import { stringify } from 'yaml';
import { importContract } from '../core/app';
import { captureStoredTest } from '../core/app/contract-editor/draft-tests';
import { resourceDetail, ReviewSession } from '../core/app/review';
import { RESOURCE_DETAIL_VERSION } from '../core/app/review/stored-details';
import { repoRoot } from '../core/testing/corpus';
import { PEEK_CONTRACT, plantedAmbiguousSecret, plantedBundle, writeBundle } from '../core/testing/planted-inputs';
import type { PlantedBundle } from '../core/testing/planted-inputs';
import { assertNoPlanted, captureLogs, PlantedSecrets, searchable, workspaceDerivedOutputs } from '../core/testing/planted-secrets';
import type { SearchedOutput } from '../core/testing/planted-secrets';
import type { ApiMethod } from '../shared/api-contract';
import { API_METHODS } from '../shared/api-contract';
import { callApi, createApiHandlers } from './api-handlers';
import type { ApiHandlers } from './api-handlers';
import { openAppContext } from './app-context';
// Several own keys: a workspace made before the one-personal-key rule.
import { addLegacyReviewerKey } from '../core/testing/legacy-keys';
import type { AppContext } from './app-context';
import { watchInbox } from './inbox-watcher';
import { uploadStoreFor } from './upload-store';
import { liveStateJson, refreshPlanJson, writeApprovedBundle } from '../core/testing/drift-fixtures';
import { editedLiveList, writeApprovedKubernetesBundle } from '../core/testing/drift-workspace-fixtures';
import { pdfText } from '../core/testing/pdf-checks';

const dir = mkdtempSync(join(tmpdir(), 'countersign-planted-host-'));
const secrets = new PlantedSecrets();
const PASS = 'a long enough passphrase';
let bundle: PlantedBundle;
let ctx: AppContext;
let api: ApiHandlers;
const outputs: SearchedOutput[] = [];
const called = new Set<ApiMethod>();

/** Calls a method through the validating entry point and keeps its answer for the search. */
async function call<T = unknown>(method: ApiMethod, input: unknown): Promise<T> {
  const r = await callApi(api, method, input);
  called.add(method);
  const shown = JSON.stringify(input, (k, v: unknown) => (['digest', 'dataBase64', 'passphrase', 'pem'].includes(k) ? undefined : v));
  outputs.push({ where: `${method} ${shown.slice(0, 120)}`, text: searchable(r) });
  return (r.ok ? r.value : r) as T;
}

/** Streams each file's bytes to the host's upload store, as PUT /upload does; answers importUploads' input. */
async function uploads(files: readonly { path: string; dataBase64: string }[]): Promise<{ upload: string; path: string }[]> {
  const out: { upload: string; path: string }[] = [];
  for (const f of files) {
    const r = await uploadStoreFor(ctx).receive(Readable.from([Buffer.from(f.dataBase64, 'base64')]));
    assert.ok(r.ok);
    out.push({ upload: r.id, path: f.path });
  }
  return out;
}

function filesOf(b: PlantedBundle): { path: string; dataBase64: string }[] {
  return Object.entries(b.files).map(([path, text]) => ({ path: `planted/${path}`, dataBase64: Buffer.from(text).toString('base64') }));
}

/** Files that fail to load, each with a marker right where the loader stops. */
function badFiles(s: PlantedSecrets): { path: string; dataBase64: string }[] {
  const b64 = (t: string) => Buffer.from(t).toString('base64');
  return [
    { path: 'dupkey.yaml', dataBase64: b64(`apiVersion: v1\nkind: Secret\nmetadata: {name: b}\ndata:\n  key: ${s.plant('a duplicate key after a secret (refused)')}\n  key: b3RoZXI=\n`) },
    { path: 'unclosed.yaml', dataBase64: b64(`apiVersion: v1\nkind: Secret\nmetadata: {name: u}\nstringData: {password: "${s.plant('a YAML syntax error inside a Secret')}\n`) },
    { path: 'broken.json', dataBase64: b64(`{"format_version": "1.2", "variables": {"p": {"value": "${s.plant('a JSON syntax error after a secret')}"}} x`) },
    { path: 'badtoken.json', dataBase64: b64(`{"format_version": "1.2", "prior_state": {"p": "${s.plant('a JSON bad token after a secret')}"}, "resource_changes": [}`) },
    { path: 'notk8s.yaml', dataBase64: b64(`apiVersion: v1\nkind: Secret\nmetadata: {namespace: x}\nstringData: {password: ${s.plant('a Secret without a name (refused)')}}\n`) },
  ];
}

before(async () => {
  bundle = plantedBundle(secrets);
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: false, demoDir: dir });
  writeFileSync(join(dir, 'peek.yaml'), PEEK_CONTRACT);
  importContract(ctx.ws, join(dir, 'peek.yaml'), 'test');
  api = createApiHandlers(ctx);
});
after(() => {
  ctx.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Issue 12: approved bundles for two installs, live snapshots carrying planted values, and every drift method. */
async function driftCalls(keyId: string): Promise<void> {
  const k8s = { approvedSecret: secrets.plant('approved Secret data'), liveSecret: secrets.plant('live Secret data (edited)'), addedSecret: secrets.plant('a Secret added outside the pipeline') };
  const tf = { approvedPassword: secrets.plant('approved sensitive password'), livePassword: secrets.plant('live sensitive password'), liveToken: secrets.plant('live sensitive user_data') };
  for (const [folder, write] of [['k8s-bundle', (d: string) => writeApprovedKubernetesBundle(d, k8s)], ['tf-bundle', (d: string) => writeApprovedBundle(d, tf, 'tf-prod')]] as const) {
    const path = write(join(dir, folder));
    const files = readdirSync(path, { recursive: true, encoding: 'utf8' }).filter((n) => statSync(join(path, n)).isFile())
      .map((n) => ({ path: `${folder}/${n}`, dataBase64: readFileSync(join(path, n)).toString('base64') }));
    const imported = await call<{ digest: string }>('importFiles', { files });
    ctx.ws.changeSets.setChangeSetState(imported.digest, 'approved', { reason: 'test: approved by quorum' });
  }
  const b64 = (t: string) => Buffer.from(t).toString('base64');
  const k = await call<{ reports: { id: number }[] }>('importDriftFiles', { install: 'k8s-prod', files: [{ path: 'live.json', dataBase64: b64(editedLiveList(k8s)) }] });
  const t = await call<{ reports: { id: number }[] }>('importDriftFiles', { install: 'tf-prod', files: [{ path: 'state.json', dataBase64: b64(liveStateJson(tf)) }, { path: 'refresh.json', dataBase64: b64(refreshPlanJson(tf)) }] });
  // Refused input: a marker where the loader stops.
  await call('importDriftFiles', { install: 'tf-prod', files: [{ path: 'bad.json', dataBase64: b64(`{"format_version": "1.0", "values": {"x": "${secrets.plant('a JSON error in a snapshot')}"} x`) }] });
  const ids = [...(k.reports ?? []), ...(t.reports ?? [])].map((r) => r.id);
  assert.equal(ids.length, 3, 'three drift reports stored (the search is not vacuous)');
  const reports = [];
  for (const id of ids) reports.push(await call<{ items: { key: string; kind: string }[] }>('getDriftReport', { id }));
  assert.ok(reports.every((r) => r.items.length > 0), 'each report has items');
  await call('listDriftReports', {});
  await call('listDriftReports', { install: 'k8s-prod' });
  await call('listInbox', {});
  let signed = 0;
  for (const [i, item] of reports.flatMap((r) => r.items).slice(0, 3).entries()) {
    const r = await call<{ file?: string }>('acknowledgeDrift', { key: item.key, note: `planted note ${i}`, mode: i % 2 === 0 ? 'acknowledged' : 'revert-by-vendor', keyId, passphrase: PASS });
    if (r.file !== undefined) signed++;
  }
  assert.ok(signed > 0, 'acknowledgements were signed (the outbox search is not vacuous)');
}

describe('planted secrets through the desktop API', () => {
  test('no API answer, log line, outbox file or derived workspace row holds a planted secret', async () => {
    const { logs } = await captureLogs(async () => {
      await call('appInfo', {});
      const imported = await call<{ digest: string }>('importFiles', { files: filesOf(bundle) });
      const digest = imported.digest;
      assert.match(digest, /^sha256:/, JSON.stringify(imported));
      for (const bad of badFiles(secrets)) {
        const r = await call<{ code?: string }>('importFiles', { files: [bad] });
        assert.equal(r.code, 'bad-input', `${bad.path} is refused`);
      }
      // Raw-byte uploads (browser mode): the planted bundle and each bad file again.
      const uploaded = await call<{ digest?: string }>('importUploads', { files: await uploads(filesOf(bundle)) });
      assert.equal(uploaded.digest, digest, JSON.stringify(uploaded));
      for (const bad of badFiles(secrets)) {
        const r = await call<{ code?: string }>('importUploads', { files: await uploads([bad]) });
        assert.equal(r.code, 'bad-input', `${bad.path} is refused when uploaded`);
      }
      // Electron only (the preload passes the dropped files' paths): refused in browser mode.
      await call('importLocalPaths', { paths: [join(dir, 'peek.yaml')] });
      // Issue 13 (fleet preview): the planted release against the peek contract (whose messages quote
      // the objects), its HTML and JSON exports, and each bad file as a release.
      const peekContract = () => uploads([{ path: 'customers/peek.yaml', dataBase64: Buffer.from(PEEK_CONTRACT).toString('base64') }]);
      const fleet = await call<{ previewId?: string; matrix?: { rows: unknown[] } }>('fleetPreviewUploads', { release: await uploads(filesOf(bundle)), contracts: await peekContract() });
      assert.equal(fleet.matrix?.rows.length, 1, JSON.stringify(fleet).slice(0, 300));
      await call('exportFleetPreview', { previewId: fleet.previewId, format: 'html' });
      await call('exportFleetPreview', { previewId: fleet.previewId, format: 'json' });
      for (const bad of badFiles(secrets)) {
        const r = await call<{ code?: string }>('fleetPreviewUploads', { release: await uploads([bad]), contracts: await peekContract() });
        assert.equal(r.code, 'bad-input', `${bad.path} is refused as a fleet release`);
      }
      await call('fleetPreviewLocalPaths', { release: [join(dir, 'peek.yaml')], contracts: [join(dir, 'peek.yaml')] });
      await call('listPolicyTexts', { digest });
      // Refused or reported (whichever the YAML reader decides), never quoted.
      const ambiguous = plantedAmbiguousSecret(secrets);
      const amb = await call<{ digest?: string }>('importFiles', { files: [{ path: 'ambiguous.yaml', dataBase64: Buffer.from(ambiguous).toString('base64') }] });
      if (amb.digest) {
        await call('listFindings', { digest: amb.digest });
        await call('getSourceExcerpt', { digest: amb.digest, file: 'ambiguous.yaml', line: 1, context: 100 });
        for (const r of await call<{ index: number }[]>('listResources', { digest: amb.digest })) await call('getResource', { digest: amb.digest, index: r.index });
      }
      await call('listInbox', {});
      // Issue 11 (imports): display labels (the names shown beside the vendor's metadata), inbox events and notices.
      await call('setChangeSetLabels', { digest, labels: {} });
      if (amb.digest) await call('setChangeSetLabels', { digest: amb.digest, labels: { app: 'planted app', release: '1' } });
      await call('openInboxEvents', {});
      await call('dismissWatchProblem', { id: 'no-such-notice' });
      await call('getChangeSet', { digest });
      const rows = await call<{ index: number }[]>('listResources', { digest });
      const details = [];
      for (const r of rows) details.push(await call<{ findings: { explanation?: { values: { value: string }[] } }[] }>('getResource', { digest, index: r.index }));
      // Explanations (issue 11) are in the answers searched above, and show the masks, never the values.
      const explained = details.flatMap((d) => d.findings.flatMap((f) => f.explanation?.values ?? []));
      assert.ok(explained.some((v) => v.value.includes('(sensitive value)')), 'getResource explains findings with masked values');
      const findings = await call<{ id: number; policy: string; address: string; resourceIndex: number; location: { file: string; line: number } }[]>('listFindings', { digest });
      assert.ok(findings.some((f) => f.policy === 'peek-everything'), 'the peek contract is in force');
      for (const [file, text] of Object.entries(bundle.files)) {
        for (let line = 1; line <= text.split('\n').length; line++) await call('getSourceExcerpt', { digest, file, line, context: 0 });
        await call('getSourceExcerpt', { digest, file, line: 1, context: 2000 });
      }
      for (const f of findings) await call('getSourceExcerpt', { digest, file: f.location.file, line: f.location.line });
      await call('getQuorum', { digest });
      // Detail (issue 11): getResource's attribute diff and image changes are in the answers searched; make sure they are there.
      const withDiff: { diff?: { root: { children?: unknown[] } } | null; images?: readonly unknown[] }[] = [];
      for (const r of rows) withDiff.push(await call('getResource', { digest, index: r.index }));
      assert.ok(withDiff.every((d) => Array.isArray(d.images)) && withDiff.some((d) => (d.diff?.root.children?.length ?? 0) > 0), 'getResource answers carry the diff and images');
      // Navigation (issue 11): viewed marks carry indexes only, never resource content.
      await call('setViewed', { digest, indexes: rows.map((r) => r.index), viewed: true });
      await call('listViewed', { digest });
      const alice = await call<{ keyId: string }>('createKey', { name: 'alice', passphrase: PASS });
      const bob = { keyId: (await addLegacyReviewerKey(ctx.ws, { name: 'bob', passphrase: PASS })).id };
      const onSecret = findings.find((f) => f.policy === 'peek-secret-data')!;
      const expires = new Date(Date.now() + 86_400_000).toISOString();
      const e = await call<{ id: string }>('requestException', {
        digest, policy: onSecret.policy, resource: onSecret.address, justification: 'planted test', expires, scope: 'changeset', keyId: alice.keyId, passphrase: PASS,
      });
      await call('signException', { exceptionId: e.id, keyId: bob.keyId, passphrase: PASS, digest });
      await call('listExceptions', { digest });
      // Batch (issue 10): the preview of every deny finding, the export for the vendor and verify as the vendor.
      await call('previewWaivers', { digest, selector: { allDeny: true } });
      await call('previewWaivers', { digest, selector: { resourcePattern: '**' } });
      await call('exportForVendor', { digest });
      await call('verifyAsVendor', { digest });
      await call('approve', { digest, keyId: alice.keyId, passphrase: PASS, comment: 'planted' });
      // Audit reports (issue 12): every format, of the change set and of a period (findings, explanations, exceptions, approvals).
      for (const format of ['html', 'json', 'sarif', 'junit'] as const) {
        await call('exportAuditReport', { changeSet: digest, format });
        await call('exportAuditReport', { vendor: ctx.ws.changeSets.getChangeSet(digest)!.metadata.vendor, since: '2000-01-01', format });
      }
      // R2: the PDF (browser mode: headless Chromium), its text layer searched too, and the evidence bundle's every file.
      const pdf = await call<{ dataBase64: string }>('exportAuditReportPdf', { changeSet: digest });
      assert.ok(pdf.dataBase64, JSON.stringify(pdf).slice(0, 500));
      outputs.push({ where: 'exportAuditReportPdf: the PDF text layer', text: pdfText(Buffer.from(pdf.dataBase64, 'base64')) });
      const evidence = await call<{ dir: string; pdf: boolean }>('exportEvidenceBundle', { changeSet: digest });
      assert.equal(evidence.pdf, true, 'the bundle has the PDF');
      for (const f of readdirSync(evidence.dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())) {
        const bytes = readFileSync(join(f.parentPath, f.name));
        outputs.push({ where: `evidence bundle ${f.name}`, text: f.name.endsWith('.pdf') ? pdfText(bytes) : bytes.toString('utf8') });
      }
      await call('reject', { digest, keyId: bob.keyId, passphrase: PASS, comment: 'planted' });
      await call('withdrawDecision', { digest, keyId: alice.keyId, passphrase: PASS, reason: 'planted' });
      await call('getSettings', {});
      await call('updateSettings', { exceptionExpiryWarningDays: 30 });
      // Issue 12 (BK): the encrypted backup file joins the search (the workspace holds raw vendor input).
      const backup = await call<{ file: string }>('backupWorkspace', { passphrase: 'planted backup passphrase' });
      outputs.push({ where: 'workspace backup file', text: readFileSync(backup.file, 'latin1') });
      await call('listKeys', {});
      const exported = await call<{ pem: string }>('exportPublicKey', { keyId: alice.keyId });
      await call('trustKey', { pem: exported.pem, name: 'alice again', role: 'vendor' });
      await call('revokeKey', { keyId: bob.keyId });
      await call('getAudit', { offset: 0, limit: 1000 });
      await call('verifyAudit', {});
      // The contract editor: every method over the planted change set and the current contract.
      const view = await call<{ name: string; text: string; policies: { id: string }[] }>('getContract', {});
      const contract = view.name;
      const text = view.text;
      const policy = onSecret.policy;
      await call('listContracts', {});
      await call('editContractDraft', { contract, text, edits: [{ op: 'setOverride', policy, shadow: true }] });
      await call('checkCel', { contract, text, policy, field: 'condition', expression: 'object.data.password == "x"' });
      await call('getCelCatalog', { contract });
      const tests = await call<unknown>('runPolicyTests', { contract, text, policy });
      assert.ok(Array.isArray(tests), `runPolicyTests answers: ${JSON.stringify(tests)}`);
      // "Add as test" from every stored resource (the capture the captureTest handler writes with addTest).
      for (const index of rows.map((r) => r.index)) {
        const captured = captureStoredTest(ctx.ws, (d) => ctx.session.changeSet(d), { contract, text, digest, resourceIndex: index, policy: 'peek-everything' });
        assert.ok(captured.ok, captured.ok ? '' : captured.message);
        outputs.push({ where: `captured test of resource ${index}`, text: stringify(captured.test) });
      }
      for (const index of rows.map((r) => r.index)) {
        const withTest = await call<{ text?: string; changed?: boolean }>('captureTest', { contract, text, digest, resourceIndex: index, policy: 'peek-everything' });
        assert.equal(withTest.changed, true, `captureTest adds the test to the draft: ${JSON.stringify(withTest).slice(0, 300)}`);
      }
      // A draft that changes what the planted change set is flagged for, replayed to the end.
      const draft = await call<{ text: string }>('editContractDraft', { contract, text, edits: [{ op: 'setOverride', policy, enabled: false }] });
      const job = await call<{ jobId?: string }>('startImpact', { contract, text: draft.text });
      assert.ok(job.jobId, JSON.stringify(job));
      for (let i = 0; i < 2000; i++) {
        const page = await call<{ done: boolean; rows: unknown[] }>('pollImpact', { jobId: job.jobId, cursor: 0 });
        if (page.done) {
          assert.ok(page.rows.length > 0, 'disabling a policy that flags the planted change set shows rows');
          break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      await call('cancelImpact', { jobId: job.jobId ?? 'none' });
      await call('explainImpact', { contract, text, digest, resourceIndex: onSecret.resourceIndex, policy });
      // Each of these must answer (not an error code): a refusal would leave its output unsearched.
      const answered = (r: unknown) => assert.ok(r && typeof r === 'object' && !('code' in r), JSON.stringify(r));
      // The pack shelf (issue 14): the built-in packs, with what the draft extends; a name the draft
      // writes that is no built-in pack (here a planted marker) is never echoed.
      answered(await call('listPolicyPacks', { contract }));
      // The dashboard (issue 12): every vendor, then the planted change set's vendor and install.
      answered(await call('getDashboard', {}));
      const plantedMeta = ctx.ws.changeSets.getChangeSet(digest)!.metadata;
      answered(await call('getDashboard', { vendor: plantedMeta.vendor, install: plantedMeta.install }));
      const plantedPack = `${text}\n# ${secrets.plant('a comment of a draft the shelf reads')}\n`;
      answered(await call('listPolicyPacks', { contract, text: plantedPack.replace(/extends: \[/, `extends: [${JSON.stringify(secrets.plant('a pack name written in the draft'))}, `) }));
      const edited = text.replace(/^spec:$/m, 'spec:\n  approvals: {quorum: 1, exceptionQuorum: 1, maxExceptionDays: 29}');
      answered(await call('saveContract', { contract, text: edited, comment: 'planted', keyId: alice.keyId }));
      answered(await call('listContractRevisions', { contract }));
      answered(await call('diffContractRevisions', { contract, from: 1, to: 2 }));
      answered(await call('revertContract', { contract, revision: 1, comment: 'planted', keyId: alice.keyId }));
      // Publishing needs a roster naming a contract-owner: the peek contract as v3, with alice as its owner.
      const rostered = join(dir, 'peek-v3.yaml');
      writeFileSync(rostered, `${PEEK_CONTRACT.replace('countersign.dev/v1', 'countersign.dev/v3').replace('extends: [baseline]', 'extends: [{pack: baseline, version: 1}]')}roster: ${JSON.stringify([
        { name: 'alice', email: '', fingerprint: alice.keyId, publicKey: exported.pem, roles: ['contract-owner', 'approver'] },
      ])}\n`);
      const withRoster = importContract(ctx.ws, rostered, 'test').revision.revision;
      const publication = await call<{ files?: { name: string }[] }>('publishContract', {
        contract, revision: withRoster, signers: [{ keyId: alice.keyId, passphrase: PASS }], notAfter: new Date(Date.now() + 86_400_000).toISOString(),
      });
      assert.deepEqual(publication.files?.map((f) => f.name), [`planted-peek-r${withRoster}.contract.yaml`, `planted-peek-r${withRoster}.publication.json`], JSON.stringify(publication));
      // Co-signing (issue 10): the signing request of the planted change set, received back, and a signed file imported.
      const sent = await call<{ path?: string }>('exportSigningRequest', { digest, note: 'planted' });
      assert.ok(sent.path, JSON.stringify(sent));
      const requestText = readFileSync(sent.path, 'utf8');
      // The change set's files travel as the vendor sent them (base64): the request's every other field is searched.
      outputs.push({ where: 'the signing request', text: JSON.stringify({ ...JSON.parse(requestText) as object, changeSet: { files: '(the vendor bundle, as sent)' } }) });
      answered(await call('importFiles', { files: [{ path: basename(sent.path), dataBase64: Buffer.from(requestText).toString('base64') }] }));
      answered(await call('coSignStatus', { digest }));
      // A signed file back (answered or refused, e.g. a decision under an older revision: either is searched).
      for (const signedFile of readdirSync(ctx.outboxDir).filter((n) => n.endsWith('.dsse.json'))) {
        await call('importFiles', { files: [{ path: signedFile, dataBase64: readFileSync(join(ctx.outboxDir, signedFile)).toString('base64') }] });
      }
      const vap = await call<{ text: string }>('importVap', { contract, text, yaml: readFileSync(join(repoRoot, 'electron/testing/fixtures/vap/replica-limit.yaml'), 'utf8') });
      answered(vap);
      answered(await call('exportVap', { contract, text: vap.text, policy: 'demo-policy-example-com' }));
      await call('exportVap', { contract, text, policy });
      await call('importWithDialog', {});
      // Issue 12 (drift review): live snapshots with a planted Secret and a planted sensitive attribute.
      await driftCalls(alice.keyId);
      // Last: the rotation revokes alice's key and saves (and publishes) a revision of the rostered contract.
      answered(await call('rotateKey', { keyId: alice.keyId, passphrase: PASS, newPassphrase: `${PASS} 2` }));
    });
    outputs.push({ where: 'console and stdout/stderr', text: logs });
    // The outbox has one folder per change set (and the vendor export inside it): every file, at any depth.
    for (const name of readdirSync(ctx.outboxDir, { recursive: true, encoding: 'utf8' })) {
      if (statSync(join(ctx.outboxDir, name)).isFile()) outputs.push({ where: `outbox/${name}`, text: readFileSync(join(ctx.outboxDir, name), 'latin1') });
    }
    outputs.push(...workspaceDerivedOutputs(ctx.ws.path));
    assertNoPlanted(secrets, outputs);
  });

  test('the watched inbox imports and refuses planted files without logging a secret', async () => {
    const lines: string[] = [];
    writeBundle(join(ctx.watchDir!, 'again'), plantedBundle(secrets));
    for (const bad of badFiles(secrets)) writeFileSync(join(ctx.watchDir!, bad.path), Buffer.from(bad.dataBase64, 'base64'));
    // Issue 12: the watched drift/ folder, a snapshot with planted sensitive values and a broken one.
    const tf = { approvedPassword: secrets.plant('approved password (watched)'), livePassword: secrets.plant('live password (watched drift)'), liveToken: secrets.plant('user_data (watched drift)') };
    mkdirSync(join(ctx.watchDir!, 'drift', 'tf-prod'), { recursive: true });
    writeFileSync(join(ctx.watchDir!, 'drift', 'tf-prod', 'state.json'), liveStateJson(tf, { keepBucket: true }));
    writeFileSync(join(ctx.watchDir!, 'drift', 'tf-prod', 'broken.json'), `{"format_version": "1.0", "values": {"p": "${secrets.plant('a broken watched snapshot')}"} x`);
    const { logs } = await captureLogs(async () => {
      const watcher = watchInbox(ctx, { settleMs: 10, log: (l) => lines.push(l) });
      try {
        await watcher.scan();
        await watcher.scan();
      } finally {
        watcher.close();
      }
    });
    assert.ok(lines.some((l) => /imported again/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /imported drift snapshot drift\/tf-prod\/state\.json/.test(l)), lines.join('\n'));
    assert.ok(ctx.watchProblems.some((p) => p.file === 'drift/tf-prod/broken.json'), JSON.stringify(ctx.watchProblems));
    assert.ok(ctx.watchProblems.length >= 5, JSON.stringify(ctx.watchProblems));
    assertNoPlanted(secrets, [
      { where: 'watcher log', text: lines.join('\n') },
      { where: 'console', text: logs },
      { where: 'watchProblems', text: searchable(ctx.watchProblems) },
      { where: 'appInfo', text: searchable(await callApi(api, 'appInfo', {})) },
      ...workspaceDerivedOutputs(ctx.ws.path),
    ]);
  });

  test('the resource details stored for a reopened review hold no planted secret, and are what the reopened review shows', async () => {
    const imported = await callApi(api, 'importFiles', { files: filesOf(bundle) });
    const digest = (imported.ok ? imported.value : {}) as { digest?: string };
    assert.match(digest.digest ?? '', /^sha256:/, JSON.stringify(imported));
    const d = digest.digest!;
    await ctx.session.detailsStored(d);
    const count = ctx.ws.changeSets.getChangeSet(d)!.resourceCount;
    assert.equal(ctx.ws.resourceDetails.count(d, RESOURCE_DETAIL_VERSION), count, 'every resource has its stored detail (the search is not vacuous)');
    const found: SearchedOutput[] = [];
    const reopened = new ReviewSession(ctx.ws);
    for (let i = 0; i < count; i++) {
      const bytes = ctx.ws.resourceDetails.get(d, i, RESOURCE_DETAIL_VERSION)!;
      // V8 writes a string as Latin-1 or UTF-16: the bytes read both ways (at either alignment), and decoded.
      found.push({ where: `resource_details #${i} bytes`, text: [bytes.toString('latin1'), bytes.toString('utf16le'), bytes.subarray(1).toString('utf16le')].join('\n') });
      found.push({ where: `resource_details #${i} decoded`, text: searchable(deserialize(bytes)) });
      found.push({ where: `getResource #${i} after a restart`, text: searchable(resourceDetail(reopened, d, i)) });
    }
    assertNoPlanted(secrets, found);
  });

  test('every API method was called (a new method joins the search here)', () => {
    assert.deepEqual(API_METHODS.filter((m) => !called.has(m)), []);
  });
});

// The review screens' queries over a real workspace file seeded like the demo: the inbox,
// resource rows and details (masked), findings with the waived flag, source excerpts that never
// show a secret, quorum progress, the contract view and the audit pages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusPath, repoRoot } from '../../testing/corpus';
// Several own keys: a workspace made before the one-personal-key rule.
import { addLegacyReviewerKey } from '../../testing/legacy-keys';
import { initWorkspace } from '../../store';
import type { Workspace } from '../../store';
import { approveChangeSet, createKey, importChangeSet, importContract, requestException, signException } from '../index';
import {
  auditPage, changeSetDetail, contractView, exceptionList, findingDtos, inbox, quorumStatus, resourceDetail, resourceRows, ReviewSession, sourceExcerpt,
} from './index';

const DEMO = join(repoRoot, 'electron/demo');
const PASS = 'a long enough passphrase';
const dir = mkdtempSync(join(tmpdir(), 'countersign-review-'));
let ws: Workspace;
let session: ReviewSession;
const digests: Record<'blocked' | 'peering' | 'bump', string> = { blocked: '', peering: '', bump: '' };

before(async () => {
  ws = initWorkspace(join(dir, 'countersign.db'));
  importContract(ws, join(DEMO, 'contract.yaml'), 'test');
  digests.blocked = (await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.14.0-blocked')])).digest;
  digests.peering = (await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.13.3-peering')])).digest;
  digests.bump = (await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.13.2-chart-bump')])).digest;
  session = new ReviewSession(ws);
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('review queries', () => {
  test('the inbox groups the demo change sets by vendor and install, with verdicts and counts', () => {
    const box = inbox(ws);
    assert.equal(box.total, 3);
    assert.equal(box.groups.length, 1);
    const [group] = box.groups;
    assert.equal(group!.vendor, 'Acme Analytics');
    assert.equal(group!.install, 'prod-eu');
    const byRelease = Object.fromEntries(group!.items.map((i) => [i.release, i]));
    assert.equal(byRelease['2.14.0']!.verdict, 'blocked');
    assert.equal(byRelease['2.13.3']!.verdict, 'needs-approval');
    assert.equal(byRelease['2.13.2']!.verdict, 'pass');
    assert.equal(byRelease['2.14.0']!.previousRelease, '2.13.3');
    assert.ok((byRelease['2.14.0']!.counts.byEnforcement.deny ?? 0) > 0);
    assert.equal(byRelease['2.13.2']!.counts.total, 0);
  });

  test('change-set detail: header, verdict, action summary and artifacts', () => {
    const d = changeSetDetail(session, digests.blocked);
    assert.equal(d.release, '2.14.0');
    assert.equal(d.verdict, 'blocked');
    assert.equal(d.state, 'pending');
    assert.equal(d.vendorSignature, 'unsigned');
    // The vendor's contract judged it, and the header says which.
    assert.deepEqual([d.contractName, d.contractRevision], ['acme-prod-eu', 1]);
    assert.equal(d.byAction.replace, 1);
    assert.deepEqual(d.artifacts.map((a) => [a.kind, a.path]), [['terraform-plan', 'infra/plan.json'], ['kubernetes', 'k8s/release.yaml']]);
  });

  test('resource rows carry finding counts and the worst enforcement; every finding points at its row', () => {
    const rows = resourceRows(session, digests.blocked);
    assert.equal(rows.length, ws.changeSets.getChangeSet(digests.blocked)!.resourceCount);
    const db = rows.find((r) => r.address === 'module.database.aws_db_instance.main')!;
    assert.equal(db.action, 'replace');
    assert.equal(db.worst, 'deny');
    const findings = findingDtos(session.load(digests.blocked), session.judge(digests.blocked));
    assert.equal(rows.reduce((n, r) => n + r.findingCount, 0), findings.length);
    for (const f of findings) {
      assert.equal(rows[f.resourceIndex]!.address, f.address);
      assert.ok((f.description ?? '').length > 0, `${f.policy} has its policy's explanation`);
      assert.equal(f.waived, false);
    }
  });

  test('resource detail shows before/after from the masked model: the plan\'s clear-text password never appears', () => {
    const rows = resourceRows(session, digests.blocked);
    const index = rows.findIndex((r) => r.address === 'module.database.aws_db_instance.main');
    const detail = resourceDetail(session, digests.blocked, index);
    assert.ok(readFileSync(join(DEMO, 'bundles/acme-2.14.0-blocked/infra/plan.json'), 'utf8').includes('hunter2-prod-SECRET'));
    assert.ok(!detail.beforeText.includes('hunter2') && !detail.afterText.includes('hunter2'));
    assert.match(detail.beforeText, /"password": "\(sensitive value\)"/);
    assert.equal(detail.language, 'json');
    assert.ok(detail.findings.some((f) => f.policy === 'db-no-replace'));
    const k8s = resourceDetail(session, digests.blocked, rows.findIndex((r) => r.source === 'kubernetes'));
    assert.equal(k8s.language, 'yaml');
    assert.match(k8s.afterText, /^apiVersion: /m);
    assert.throws(() => resourceDetail(session, digests.blocked, rows.length), /has no resource/);
  });

  test('a Terraform plan excerpt is rendered from the masked model, never from its raw lines', () => {
    const loaded = session.load(digests.blocked);
    const findings = findingDtos(loaded, session.judge(digests.blocked), undefined, { explain: loaded }).filter((x) => x.location.file === 'infra/plan.json');
    assert.ok(findings.some((f) => (f.explanation?.field?.length ?? 0) > 0), 'some plan finding blames a field');
    for (const f of findings) {
      const field = f.explanation?.field ?? undefined;
      const excerpt = sourceExcerpt(session, digests.blocked, f.location.file, f.location.line, undefined, { column: f.location.column, ...(field ? { field } : {}) });
      assert.ok(!excerpt.text.includes('hunter2'), f.address);
      assert.match(excerpt.note ?? '', /masked plan model/);
      assert.ok(excerpt.text.includes(JSON.stringify(f.address)), `${f.address} is what the excerpt shows`);
      // The highlighted line of the rendering names the blamed field (its last named step), or the address.
      const shown = excerpt.text.split('\n')[(excerpt.highlightLine ?? 0) - excerpt.firstLine] ?? '';
      const named = [...(field ?? [])].reverse().find((s) => typeof s === 'string' && s !== '@entry');
      assert.ok(named === undefined ? shown.includes(JSON.stringify(f.address)) : shown.includes(JSON.stringify(named)), `${f.policy} on ${f.address}: highlighted ${shown}`);
    }
  });

  test('a Kubernetes excerpt shows the file\'s own lines around the finding\'s line', () => {
    const f = findingDtos(session.load(digests.blocked), session.judge(digests.blocked)).find((x) => x.location.file === 'k8s/release.yaml')!;
    const excerpt = sourceExcerpt(session, digests.blocked, f.location.file, f.location.line, 3);
    const lines = readFileSync(join(DEMO, 'bundles/acme-2.14.0-blocked/k8s/release.yaml'), 'utf8').split('\n');
    assert.equal(excerpt.firstLine, Math.max(1, f.location.line - 3));
    assert.deepEqual(excerpt.text.split('\n'), lines.slice(excerpt.firstLine - 1, f.location.line + 3));
    assert.equal(excerpt.language, 'yaml');
    assert.throws(() => sourceExcerpt(session, digests.blocked, 'k8s/nope.yaml', 1), /is not one of the change set's files/);
  });

  test('Secret documents are hidden in excerpts of a real Helm render (linkerd), line numbers kept', async () => {
    const file = corpusPath('kubernetes', 'helm-render-linkerd-control-plane-ha.yaml');
    const digest = (await importChangeSet(ws, [file])).digest;
    const name = 'helm-render-linkerd-control-plane-ha.yaml';
    const raw = readFileSync(file, 'utf8').split('\n');
    const secretLine = raw.findIndex((l) => l.startsWith('  key.pem:')) + 1;
    assert.ok(secretLine > 0);
    const excerpt = sourceExcerpt(session, digest, name, secretLine, 20);
    assert.ok(!excerpt.text.includes(raw[secretLine - 1]!.split(': ')[1]!), 'the Secret value is not shown');
    assert.equal(excerpt.text.split('\n').length, 41);
    assert.match(excerpt.note ?? '', /Secret/);
    // Lines of other documents in the same window are the file's own.
    const plain = sourceExcerpt(session, digest, name, 10, 2);
    assert.deepEqual(plain.text.split('\n'), raw.slice(7, 12));
  });

  test('an exception signed by two keys waives its finding; quorum progress counts the approval', async () => {
    const alice = await createKey(ws, { name: 'Alice', passphrase: PASS });
    const bob = await addLegacyReviewerKey(ws, { name: 'Bob', passphrase: PASS });
    const blocking = findingDtos(session.load(digests.blocked), session.judge(digests.blocked)).filter((f) => f.enforcement === 'deny');
    const expires = new Date(Date.now() + 7 * 86_400_000);
    for (const f of blocking) {
      const r = await requestException(ws, { digest: digests.blocked, waives: [{ policy: f.policy, address: f.address }], justification: 'migration window agreed', expires, keyId: alice.id, passphrase: PASS, outboxDir: join(dir, 'outbox') });
      const before = exceptionList(session, digests.blocked, '/outbox').find((e) => e.id === String(r.exceptionId))!;
      assert.equal(before.valid, false);
      assert.equal(before.required, 2);
      await signException(ws, { envelopeText: ws.attestations.getException(r.exceptionId)!.envelope, source: 'test', keyId: bob.id, passphrase: PASS, outboxDir: join(dir, 'outbox') });
    }
    const after = findingDtos(session.load(digests.blocked), session.judge(digests.blocked));
    assert.ok(after.filter((f) => f.enforcement === 'deny').every((f) => f.waived));
    assert.ok(exceptionList(session, digests.blocked, '/outbox').every((e) => e.valid && e.signatures.length === 2));
    const { approvals, approvalsRequired, rejections, exceptionQuorum, maxExceptionDays, state, final, people } = quorumStatus(session, digests.blocked);
    assert.deepEqual({ approvals, approvalsRequired, rejections, exceptionQuorum, maxExceptionDays, state, final, people }, { approvals: 0, approvalsRequired: 1, rejections: 0, exceptionQuorum: 2, maxExceptionDays: 30, state: 'pending', final: false, people: [] });
    await approveChangeSet(ws, { digest: digests.blocked, keyId: alice.id, passphrase: PASS, comment: 'ok', outboxDir: join(dir, 'outbox') });
    const q = quorumStatus(session, digests.blocked);
    assert.equal(q.approvals, 1);
    assert.deepEqual(q.approvers.map((a) => [a.name, a.decision]), [['Alice', 'approve']]);
    assert.deepEqual([q.state, q.final, q.people.map((p) => [p.name, p.standing])], ['approved', true, [['Alice', 'approve']]]);
  });

  test('the contract view lists each policy with how many pending change sets it affects', () => {
    const view = contractView(session, 'acme-prod-eu');
    assert.equal(view.name, 'acme-prod-eu');
    assert.equal(view.exceptionQuorum, 2);
    // Only the change sets this contract judges count (another vendor's fall to the default contract).
    const pendingWith = (policy: string) => ws.listInbox({ state: 'pending' }).items
      .filter((i) => session.contractFor(i.digest).contract.name === 'acme-prod-eu')
      .filter((i) => session.judge(i.digest).findings.some((f) => f.policy === policy)).length;
    for (const p of view.policies) assert.equal(p.affectedPending, pendingWith(p.id), p.id);
    assert.ok(view.policies.some((p) => p.affectedPending > 0));
  });

  test('audit pages run newest first from an offset, and end cleanly', () => {
    const total = ws.audit.count();
    const first = auditPage(ws, 0, 5);
    assert.equal(first.total, total);
    assert.deepEqual(first.entries.map((e) => e.seq), [total, total - 1, total - 2, total - 3, total - 4]);
    const last = auditPage(ws, total - 2, 5);
    assert.deepEqual(last.entries.map((e) => e.seq), [2, 1]);
    assert.deepEqual(auditPage(ws, total, 5).entries, []);
    assert.equal(JSON.parse(first.entries[0]!.details).constructor, Object);
  });
});

describe('built-in checks in the review', () => {
  test('an input-integrity finding (YAML kubectl reads differently) explains itself, blocks and points at the line', async () => {
    const file = join(dir, 'ambiguous.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: acme-analytics}\ndata:\n  ratio: .nan\n');
    const digest = (await importChangeSet(ws, [file])).digest;
    const found = findingDtos(session.load(digest), session.judge(digest)).filter((f) => f.policy === 'input-integrity');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.status, 'error');
    assert.equal(found[0]!.enforcement, 'mandatory');
    assert.match(found[0]!.description ?? '', /reads manifests as kubectl does/);
    assert.equal(found[0]!.location.line, 5);
    assert.equal(changeSetDetail(session, digest).verdict, 'blocked');
  });

  test('a row whose only finding is unknown under a deny policy weighs as needing approval, not as blocking', async () => {
    const file = join(dir, 'unknown-image.json');
    writeFileSync(file, JSON.stringify({ format_version: '1.2', resource_changes: [{
      address: 'aws_lambda_function.fn', mode: 'managed', type: 'aws_lambda_function', name: 'fn', provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: ['create'], before: null, after: { function_name: 'fn', tags: { Owner: 'a', 'app.kubernetes.io/name': 'fn' } }, after_unknown: { image_uri: true } },
    }] }));
    const digest = (await importChangeSet(ws, [file])).digest;
    const row = resourceRows(session, digest).find((r) => r.address === '(known after apply) aws_lambda_function.fn.image_uri')!;
    const findings = findingDtos(session.load(digest), session.judge(digest)).filter((f) => f.resourceIndex === row.index);
    assert.ok(findings.length > 0 && findings.every((f) => f.status === 'unknown'), JSON.stringify(findings.map((f) => [f.policy, f.status])));
    assert.ok(findings.some((f) => f.enforcement === 'deny'), 'images-no-latest denies');
    assert.equal(row.worst, 'approval');
    assert.equal(changeSetDetail(session, digest).verdict, 'needs-approval');
  });
});

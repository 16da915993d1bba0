// Issue 11, "imports people can tell apart": a change set imported from bare files is named after
// its files, and a reviewer may label it (vendor, app, install, release). Labels are display
// only: the digest, the contract that judges it, its evaluation, the outbox folder and the
// rebuilt change set never follow them; every edit is audited; hostile text is refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { initWorkspace } from '../store';
import type { Workspace } from '../store';
import { repoRoot } from '../testing/corpus';
import { selectorContract, vendorBundle } from '../testing/vendor-fixtures';
import { buildChangeSet } from '../loaders/bundle';
import { changeSetDetail } from './review/change-set-detail';
import { inbox } from './review/inbox';
import { ReviewSession } from './review';
import { contractFor, importChangeSet, importContract } from './index';
import { outboxFolderFor } from './outbox-layout';
import { changeSetDisplay, checkedLabel, filesTitle, MAX_LABEL_CHARS, NO_LABELS, setChangeSetLabels } from './change-set-labels';

const dir = mkdtempSync(join(tmpdir(), 'countersign-labels-'));
const RELEASE = join(repoRoot, 'electron/demo/bundles/acme-2.13.2-chart-bump/k8s/release.yaml');
let ws: Workspace;
let bare: string;

before(async () => {
  ws = initWorkspace(join(dir, 'countersign.db'));
  for (const [name, vendor, enforcement] of [['house', '', null], ['acme', 'acme', 'deny']] as const) {
    writeFileSync(join(dir, `${name}.yaml`), selectorContract(name, vendor, '', enforcement));
    importContract(ws, join(dir, `${name}.yaml`), 'test');
  }
  mkdirSync(join(dir, 'bare'));
  copyFileSync(RELEASE, join(dir, 'bare', 'release.yaml'));
  bare = (await importChangeSet(ws, [join(dir, 'bare', 'release.yaml')])).digest;
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

const itemOf = (digest: string) => inbox(ws).groups.flatMap((g) => g.items).find((i) => i.digest === digest)!;

describe('a change set from bare files is named after its files', () => {
  test('the inbox and the review header name it by its file, not "/" or ": (new) →"', () => {
    assert.equal(itemOf(bare).display.title, 'release.yaml');
    assert.equal(changeSetDetail(new ReviewSession(ws), bare).display.title, 'release.yaml');
  });

  test('titles from file names (table)', () => {
    const cases: [readonly string[], string][] = [
      [['plan.json'], 'plan.json'],
      [['a.yaml', 'b.yaml'], 'a.yaml, b.yaml'],
      [['k8s/a.yaml', 'k8s/b.yaml', 'c.yaml', 'd.yaml'], 'a.yaml + 3 more files'],
      [[], '(no files)'],
    ];
    for (const [files, title] of cases) assert.equal(filesTitle(files), title, JSON.stringify(files));
  });

  test("the vendor's metadata wins; labels only fill what it leaves empty", () => {
    const meta = { vendor: 'acme', app: 'billing', install: '', release: '' };
    const d = changeSetDisplay(meta, { vendor: 'evil', app: 'x', install: 'prod', release: '1.0' }, ['plan.json']);
    assert.deepEqual([d.vendor, d.app, d.install, d.release, d.title], ['acme', 'billing', 'prod', '1.0', 'billing']);
    assert.deepEqual(d.labelled, ['install', 'release']);
    assert.deepEqual(d.editable, ['install', 'release']);
  });
});

describe('display labels', () => {
  test('set, shown, audited with before and after; nothing the contract, verify or the outbox read changes', () => {
    const session = new ReviewSession(ws);
    const stored = ws.changeSets.getChangeSet(bare)!;
    const judgedBefore = changeSetDetail(session, bare);
    const outboxBefore = outboxFolderFor(ws, join(dir, 'outbox'), bare);
    const evaluationBefore = ws.evaluations.latestEvaluation(bare)!;

    // "acme" has its own contract, which would block this change set: a label must not select it.
    const shown = setChangeSetLabels(ws, bare, { vendor: 'acme', app: 'Billing API', install: 'prod-eu', release: '2.0.0' });
    assert.deepEqual([shown.vendor, shown.app, shown.install, shown.release, shown.title], ['acme', 'Billing API', 'prod-eu', '2.0.0', 'Billing API']);
    assert.deepEqual(shown.labelled, ['vendor', 'app', 'install', 'release']);

    const last = ws.audit.page(0, 1000).at(-1)!;
    assert.equal(last.action, 'changeset.labels');
    assert.equal(last.subject, bare);
    assert.deepEqual(last.details, { before: { ...NO_LABELS }, after: { vendor: 'acme', app: 'Billing API', install: 'prod-eu', release: '2.0.0' } });

    const after = ws.changeSets.getChangeSet(bare)!;
    assert.deepEqual(after.metadata, stored.metadata, 'stored metadata (changeset.yaml) unchanged');
    assert.equal(buildChangeSet(ws.changeSets.getChangeSetSource(bare)!).digest, bare, 'rebuilds to the same digest');
    assert.equal(contractFor(ws, after.metadata).contract.name, 'house', 'contract selection ignores labels');
    const judgedAfter = changeSetDetail(new ReviewSession(ws), bare);
    assert.deepEqual([judgedAfter.contractName, judgedAfter.contractDigest, judgedAfter.verdict, judgedAfter.evaluationDigest],
      [judgedBefore.contractName, judgedBefore.contractDigest, judgedBefore.verdict, judgedBefore.evaluationDigest]);
    assert.equal(ws.evaluations.latestEvaluation(bare)!.id, evaluationBefore.id, 'no new evaluation');
    assert.equal(outboxFolderFor(ws, join(dir, 'outbox'), bare), outboxBefore, 'outbox folder from stored metadata');
    // The inbox still groups it with the change sets its own (empty) vendor selects a contract for.
    const group = inbox(ws).groups.find((g) => g.items.some((i) => i.digest === bare))!;
    assert.deepEqual([group.vendor, group.install], ['', '']);
    assert.equal(itemOf(bare).display.vendor, 'acme');
  });

  test('an unchanged edit writes nothing; clearing a label falls back to the files', () => {
    const entries = ws.audit.page(0, 1000).length;
    setChangeSetLabels(ws, bare, { app: 'Billing API' });
    assert.equal(ws.audit.page(0, 1000).length, entries);
    assert.equal(setChangeSetLabels(ws, bare, { app: '' }).title, 'release.yaml');
    assert.equal(ws.audit.page(0, 1000).length, entries + 1);
  });

  test("a label over a field the vendor's changeset.yaml states is refused, nothing stored", async () => {
    const bundle = (await importChangeSet(ws, [vendorBundle(dir, 'beta-bundle', 'beta', 'prod')])).digest;
    const entries = ws.audit.page(0, 1000).length;
    assert.throws(() => setChangeSetLabels(ws, bundle, { vendor: 'acme' }), /changeset\.yaml states vendor 'beta'/);
    assert.equal(ws.audit.page(0, 1000).length, entries);
    assert.equal(itemOf(bundle).display.vendor, 'beta');
  });

  test('an unknown digest is not found', () => {
    assert.throws(() => setChangeSetLabels(ws, `sha256:${'0'.repeat(64)}`, { app: 'x' }), /no change set/);
  });

  test('any label with a control or format character is refused (class: C0, DEL, C1, bidi, zero-width, separators, lone surrogates)', () => {
    const bad = fc.oneof(
      fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }), fc.constantFrom(0x200b, 0x200e, 0x202a, 0x202e, 0x2066, 0x2069, 0xfeff, 0x2028, 0x2029, 0xd800, 0xdfff),
    ).map((c) => String.fromCharCode(c));
    fc.assert(fc.property(fc.string({ maxLength: 20 }), bad, fc.string({ maxLength: 20 }), (a, c, b) => {
      assert.throws(() => checkedLabel('app', `x${a}${c}${b}x`), /control or format character/);
    }));
  });

  test('printable labels up to the limit are kept (trimmed); longer ones are refused', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: MAX_LABEL_CHARS }), (s) => {
      const clean = s.replace(/[\u0000-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]/gu, '');
      const trimmed = clean.trim();
      if ([...trimmed].length > MAX_LABEL_CHARS) return;
      assert.equal(checkedLabel('release', ` ${clean} `), trimmed);
    }));
    assert.throws(() => checkedLabel('vendor', 'v'.repeat(MAX_LABEL_CHARS + 1)), /longer than 100/);
  });
});

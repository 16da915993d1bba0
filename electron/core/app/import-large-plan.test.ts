// The app's import of one big bare plan takes the parallel loader (a worker hashes the file and
// checks the JSON the main thread skips, while this thread builds and evaluates): it must store
// exactly what the ordinary path stores, and nothing at all when the part the worker checks is bad.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { largePlanFixture } from '../testing/large-plan-fixture';
import { tableCounts } from '../testing/impact-fixtures';
import { tempWorkspace } from '../testing/store-fixtures';
import { buildChangeSet } from '../loaders/bundle';
import { SHARED_READ_MIN_BYTES } from '../loaders/bundle/read-bare';
import { InputError } from '../model/errors';
import type { Workspace } from '../store';
import { importChangeSet, importChangeSetSource } from './change-set-service';

const fixture = largePlanFixture('countersign-import-large-');
const write = fixture.write;

/** Every stored row an import makes, minus ids and the time of the import itself (evaluated now: `at` in messages). */
function storedRows(ws: Workspace, at: string): unknown {
  const all = (sql: string) => ws.db.prepare(sql).all().map((row) => JSON.parse(JSON.stringify(row).replaceAll(at, '(at)')) as unknown);
  return {
    changeSets: all('SELECT digest, vendor, app, install, release, origin, manifest, artifacts, state, resource_count, file_count, total_bytes FROM change_sets'),
    files: all('SELECT digest, ordinal, path, sha256, size FROM change_set_files'),
    evaluations: all(`SELECT change_set_digest, contract_digest, engine_version, verdict, summary, finding_count, error_count, critical_count,
      high_count, medium_count, low_count, info_count, advisory_count, approval_count, deny_count, mandatory_count FROM evaluations`),
    findings: all(`SELECT policy, title, address, source, type, action, drift, status, enforcement, severity, message, file, line, "column",
      origin, remediation, shadow, also_policies FROM findings ORDER BY id`),
    // The evaluation's digest covers its time; the workspace's own path differs.
    audit: all("SELECT action, subject, details FROM audit_log WHERE action != 'workspace.init' ORDER BY seq")
      .map((row) => JSON.parse(JSON.stringify(row).replace(/\\"digest\\":\\"sha256:[0-9a-f]{64}\\"/, '(digest)')) as unknown),
  };
}

describe('importing one big plan', () => {
  test('stores exactly what the ordinary single-threaded import stores', async () => {
    assert.ok(fixture.planText().length > SHARED_READ_MIN_BYTES, 'the plan is big enough to take the parallel path');
    const file = write('big.tfplan.json', fixture.planText());
    const parallel = tempWorkspace();
    const ordinary = tempWorkspace();
    try {
      const r = await importChangeSet(parallel.ws, [file]);
      const o = importChangeSetSource(ordinary.ws, { origin: file, manifest: null, files: [{ path: 'big.tfplan.json', bytes: readFileSync(file) }] });
      assert.equal(r.digest, o.digest);
      assert.ok(r.evaluation.findingCount > 100, `findings: ${r.evaluation.findingCount}`);
      assert.deepEqual(r.changeSet, buildChangeSet({ origin: file, manifest: null, files: [{ path: 'big.tfplan.json', bytes: readFileSync(file) }] }));
      const stored = parallel.ws.db.prepare<[], { bytes: Buffer }>('SELECT bytes FROM change_set_files').all();
      assert.equal(stored.length, 1);
      assert.ok(stored[0]!.bytes.equals(readFileSync(file)), 'the file is stored byte for byte');
      assert.deepEqual(storedRows(parallel.ws, r.evaluation.at), storedRows(ordinary.ws, o.evaluation.at));
    } finally {
      parallel.cleanup();
      ordinary.cleanup();
    }
  });

  test('a syntax error in a part only the worker parses stores nothing, with the ordinary error', async () => {
    const at = fixture.planText().indexOf('"configuration"') + 100;
    const file = write('broken.tfplan.json', `${fixture.planText().slice(0, at)}\u0001${fixture.planText().slice(at + 1)}`);
    const t = tempWorkspace();
    try {
      let expected: unknown;
      try {
        buildChangeSet({ origin: file, manifest: null, files: [{ path: 'broken.tfplan.json', bytes: readFileSync(file) }] });
      } catch (err) {
        expected = err;
      }
      assert.ok(expected instanceof InputError && /malformed JSON/.test(expected.message), String(expected));
      // A fresh workspace: not even the default contract (stored by the first import that succeeds) is stored.
      const before = tableCounts(t.ws);
      await assert.rejects(importChangeSet(t.ws, [file]), (err) => err instanceof InputError && err.message === expected.message);
      assert.deepEqual(tableCounts(t.ws), before);
    } finally {
      t.cleanup();
    }
  });

  test('two imports of the same plan at once store it and its evaluation once', async () => {
    const file = write('twice.tfplan.json', fixture.planText());
    const t = tempWorkspace();
    try {
      const [a, b] = await Promise.all([importChangeSet(t.ws, [file]), importChangeSet(t.ws, [file])]);
      assert.equal(a.digest, b.digest);
      assert.deepEqual([a.created, b.created].sort(), [false, true]);
      assert.deepEqual([a.evaluated, b.evaluated].sort(), [false, true]);
      assert.equal(a.evaluation.id, b.evaluation.id);
      const counts = tableCounts(t.ws);
      assert.equal(counts.change_sets, 1);
      assert.equal(counts.evaluations, 1);
    } finally {
      t.cleanup();
    }
  });
});

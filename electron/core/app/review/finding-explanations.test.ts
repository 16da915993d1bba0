// Findings of the resource detail carry the engine's explanation; the list of all findings does
// not pay for it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../testing/corpus';
import { initWorkspace } from '../../store';
import type { Workspace } from '../../store';
import { importChangeSet, importContract } from '../index';
import { findingDtos, resourceDetail, resourceRows, ReviewSession } from './index';

const DEMO = join(repoRoot, 'electron/demo');
const dir = mkdtempSync(join(tmpdir(), 'countersign-explain-'));
let ws: Workspace;
let session: ReviewSession;
let digest = '';

before(async () => {
  ws = initWorkspace(join(dir, 'countersign.db'));
  importContract(ws, join(DEMO, 'contract.yaml'), 'test');
  digest = (await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.14.0-blocked')])).digest;
  session = new ReviewSession(ws);
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('finding explanations in the review', () => {
  test('every finding of a resource detail that a policy made is explained: clause a slice of the condition, values rendered', () => {
    let explained = 0;
    for (const row of resourceRows(session, digest).filter((r) => r.findingCount > 0)) {
      for (const f of resourceDetail(session, digest, row.index).findings) {
        if (f.policy === 'input-integrity') continue;
        const e = f.explanation;
        assert.ok(e, `${f.policy} on ${f.address} is explained`);
        if (e.clause) assert.equal(e.condition.slice(e.clause.start, e.clause.end), e.clause.text);
        for (const p of e.parts ?? []) assert.equal(e.condition.slice(p.start, p.end), p.text);
        explained++;
      }
    }
    assert.ok(explained > 0);
  });

  test('the database replace names the deciding clause and the field its path blames', () => {
    const row = resourceRows(session, digest).find((r) => r.address === 'module.database.aws_db_instance.main')!;
    const findings = resourceDetail(session, digest, row.index).findings;
    assert.ok(findings.length > 0);
    for (const f of findings) {
      assert.ok(f.explanation?.clause || f.explanation?.note, `${f.policy}: ${JSON.stringify(f.explanation)}`);
    }
  });

  test('listFindings (all findings) carries no explanation', () => {
    const all = findingDtos(session.load(digest), session.judge(digest));
    assert.ok(all.length > 0);
    assert.ok(all.every((f) => f.explanation === undefined));
  });
});

// Issue 14 in the workspace: a contract extending two packs with a shared control stores one
// finding naming both policies, and the review screen's finding shows the other id and its title.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initWorkspace } from '../../store';
import { writeBundle } from '../../testing/release-fixture';
import { importChangeSet, importContract } from '../index';
import { findingDtos, ReviewSession } from './index';

const dir = mkdtempSync(join(tmpdir(), 'countersign-same-control-review-'));
const root = join(dir, 'policies');
const previousRoot = process.env.COUNTERSIGN_POLICIES;
after(() => {
  if (previousRoot === undefined) delete process.env.COUNTERSIGN_POLICIES;
  else process.env.COUNTERSIGN_POLICIES = previousRoot;
  rmSync(dir, { recursive: true, force: true });
});

function pack(name: string, id: string, enforcement: string, severity: string): void {
  mkdirSync(join(root, name, id), { recursive: true });
  writeFileSync(join(root, name, 'pack.yaml'), `name: ${name}\nversion: 1\n`);
  writeFileSync(join(root, name, id, 'policy.yaml'), `id: ${id}
title: Databases are private (${name})
severity: ${severity}
enforcement: ${enforcement}
controls: ["std:rds-public"]
match: {types: [aws_db_instance]}
condition: lookup(object, "publicly_accessible", false) != true
message: "{{ resource.address }} is public"
`);
}

test('one stored finding per shared control, named on the review screen; the verdict keeps the stricter enforcement', async () => {
  pack('pack-a', 'a-rds-public', 'approval', 'critical');
  pack('pack-b', 'b-rds-public', 'deny', 'medium');
  // baseline must be there for the workspace's default contract.
  mkdirSync(join(root, 'baseline', 'noop'), { recursive: true });
  writeFileSync(join(root, 'baseline', 'noop', 'policy.yaml'), 'id: noop\ntitle: noop\nseverity: low\nenforcement: advisory\ncondition: "true"\n');
  process.env.COUNTERSIGN_POLICIES = root;
  const contract = join(dir, 'contract.yaml');
  writeFileSync(contract, 'apiVersion: countersign.dev/v2\nkind: Contract\nmetadata: {name: acme, vendor: Acme Analytics}\nspec:\n  extends: [{pack: pack-a, version: 1}, {pack: pack-b, version: 1}]\n');
  const ws = initWorkspace(join(dir, 'countersign.db'));
  try {
    importContract(ws, contract, 'test');
    const digest = (await importChangeSet(ws, [writeBundle(dir)])).digest;
    const session = new ReviewSession(ws);
    const judged = session.judge(digest);
    assert.equal(judged.evaluation.verdict, 'blocked');
    const dtos = findingDtos(session.resourceFacts(digest), judged);
    const rds = dtos.filter((f) => f.policy === 'a-rds-public' || f.policy === 'b-rds-public');
    assert.equal(rds.length, 1, JSON.stringify(rds));
    assert.deepEqual([rds[0]?.policy, rds[0]?.enforcement, rds[0]?.severity, rds[0]?.alsoPolicies], ['b-rds-public', 'deny', 'critical', ['a-rds-public']]);
    // Each other policy is named with its title from the judging contract, so the card can show and link every one.
    assert.deepEqual(rds[0]?.alsoTitles, ['Databases are private (pack-a)']);
    assert.ok(dtos.filter((f) => f !== rds[0]).every((f) => !('alsoPolicies' in f) && !('alsoTitles' in f)));
    // The findings list (no texts) names them too.
    assert.deepEqual(findingDtos(session.resourceFacts(digest), judged, judged.findings, { texts: false }).find((f) => f.policy === 'b-rds-public')?.alsoTitles, ['Databases are private (pack-a)']);
  } finally {
    ws.close();
  }
});

// Source excerpts and resource details of a change set with a secret planted in every style:
// no line of any file, at any position of the window, may show one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initWorkspace } from '../../store';
import type { Workspace } from '../../store';
import { assertNoPlanted, PlantedSecrets, searchable } from '../../testing/planted-secrets';
import type { SearchedOutput } from '../../testing/planted-secrets';
import { plantedBundle, writeBundle } from '../../testing/planted-inputs';
import type { PlantedBundle } from '../../testing/planted-inputs';
import { importChangeSet, importContract } from '../index';
import { repoRoot } from '../../testing/corpus';
import { resourceDetail, resourceRows, ReviewSession, sourceExcerpt } from './index';

const dir = mkdtempSync(join(tmpdir(), 'countersign-planted-review-'));
const secrets = new PlantedSecrets();
let bundle: PlantedBundle;
let ws: Workspace;
let session: ReviewSession;
let digest: string;

before(async () => {
  bundle = plantedBundle(secrets);
  ws = initWorkspace(join(dir, 'countersign.db'));
  importContract(ws, join(repoRoot, 'electron/demo/contract.yaml'), 'test');
  digest = (await importChangeSet(ws, [writeBundle(join(dir, 'bundle'), bundle)])).digest;
  session = new ReviewSession(ws);
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('planted secrets in the review screens', () => {
  test('no excerpt of any line of any file shows a planted secret; ConfigMap values still show', () => {
    const outputs: SearchedOutput[] = [];
    for (const [file, text] of Object.entries(bundle.files)) {
      const count = text.split('\n').length;
      // Every line as the centre of a one-line window, and the whole file at once.
      for (let line = 1; line <= count; line++) outputs.push({ where: `${file}:${line}`, text: searchable(sourceExcerpt(session, digest, file, line, 0)) });
      outputs.push({ where: `${file} whole`, text: searchable(sourceExcerpt(session, digest, file, 1, 2000)) });
    }
    assertNoPlanted(secrets, outputs);
    const release = sourceExcerpt(session, digest, 'k8s/release.yaml', 1, 2000).text;
    for (const value of bundle.visible) assert.ok(release.includes(value), `${value} is a ConfigMap value: shown`);
    assert.match(release, /^kind: Secret$/m, 'the lines naming a Secret stay');
  });

  test('resource rows and every resource\'s detail (before/after) show no planted secret', () => {
    const rows = resourceRows(session, digest);
    assert.ok(rows.length >= 14);
    assertNoPlanted(secrets, [
      { where: 'resourceRows', text: searchable(rows) },
      ...rows.map((r) => ({ where: `resourceDetail ${r.address}`, text: searchable(resourceDetail(session, digest, r.index)) })),
    ]);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, compileContract, evaluateChangeSet, parseContract } from '../../engine';
import { buildChangeSet, readChangeSetSource } from '../../loaders/bundle';
import type { Finding } from '../../model/finding';
import { corpusDir } from '../../testing/corpus';
import { draftOf } from '../../testing/impact-fixtures';
import { evaluateDraft, policyResultKeys } from './draft-evaluation';
import { PolicyCompileCache } from './policy-compile-cache';

const sorted = (findings: readonly Finding[]): string[] => findings.map((f) => canonicalJson(f)).sort();

const DRAFTS = [
  draftOf(),
  draftOf({ parameters: { 'images-approved-registries': { registries: ['ghcr.io/'] }, 'maintenance-window': { windows: [] } } }),
  draftOf({ overrides: { 'k8s-run-as-non-root': { enabled: false }, 'iam-no-admin': { enforcement: 'advisory' } }, parameters: { 'required-tags': { tags: ['owner'] } } }),
];

describe('evaluateDraft, policy by policy', () => {
  test('gives the engine\'s findings and verdict on every corpus file, for drafts one after another', async () => {
    const cache = new PolicyCompileCache();
    const at = new Date('2026-01-05T03:00:00Z');
    const reference = DRAFTS.map((text) => compileContract(parseContract('draft', text)));
    for (const kind of ['kubernetes', 'terraform']) {
      for (const file of readdirSync(join(corpusDir, kind))) {
        const changeSet = buildChangeSet(await readChangeSetSource([join(corpusDir, kind, file)]));
        const loaded = { changeSet, indicesByAddress: new Map(), results: new Map() };
        for (const [i, text] of DRAFTS.entries()) {
          const compiled = cache.compileContract(parseContract('draft', text));
          const engine = evaluateChangeSet(changeSet, reference[i]!, { at });
          for (const round of ['fresh', 'kept']) {
            const draft = evaluateDraft(loaded, compiled, at, policyResultKeys(compiled));
            assert.deepEqual(sorted(draft.findings), sorted(engine.findings), `${file} ${round}`);
            assert.equal(draft.verdict, engine.verdict, `${file} ${round}`);
            assert.equal(draft.at, engine.at);
          }
        }
      }
    }
  });
});

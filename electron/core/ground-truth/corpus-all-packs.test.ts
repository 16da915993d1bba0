// Issue 14 "Done when": every corpus file evaluates under all packs without errors. Each built-in
// pack alone (at its newest version), and the packs together as a customer would extend them
// (baseline + pss-restricted + cloud-hardening, where same-control findings merge), evaluate
// every Terraform plan and Kubernetes manifest of the corpus without an error finding and with
// one-line messages. A pack added later is picked up by listPacks; the per-pack tests
// (corpus-loads, pss-packs, cloud-hardening-corpus) check the verdicts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileContract, evaluateChangeSet, parseContract } from '../engine';
import type { CompiledContract } from '../engine';
import { listPacks } from '../engine/contract/load-pack';
import { livePackVersion } from '../engine/contract/pack-version';
import { packsRoot } from '../io/packs-root';
import { AT, corpusChangeSet } from '../testing/baseline-run';
import { corpusDir } from '../testing/corpus';

const root = packsRoot();
const packs = listPacks(root);

function contractOf(names: readonly string[]): CompiledContract {
  const text = JSON.stringify({
    apiVersion: 'countersign.dev/v5',
    kind: 'Contract',
    metadata: { name: `corpus under ${names.join(' + ')}` },
    spec: { extends: names.map((pack) => ({ pack, version: livePackVersion(pack, root) })) },
  });
  return compileContract(parseContract('(corpus contract)', text));
}

// pss-restricted holds the pss-baseline policies: a contract extends one of the two.
const TOGETHER = ['baseline', 'pss-restricted', 'cloud-hardening'];
const contracts: readonly (readonly [string, CompiledContract])[] = [
  ...packs.map((p) => [p, contractOf([p])] as const),
  [TOGETHER.join(' + '), contractOf(TOGETHER)],
];
/** Resources each contract's policies matched over the whole corpus: a pack that matched nothing was not really run. */
const matched = new Map<string, number>();
const inputs = (['terraform', 'kubernetes'] as const).flatMap((dir) => readdirSync(join(corpusDir, dir)).sort().map((file) => ({ dir, file })));

describe('every corpus file evaluates under every built-in pack without errors', () => {
  test('the packs and the corpus are all there', () => {
    for (const p of [...TOGETHER, 'pss-baseline']) assert.ok(packs.includes(p), `pack ${p}`);
    assert.ok(inputs.filter((i) => i.dir === 'terraform').length >= 20, 'Terraform plans');
    assert.ok(inputs.filter((i) => i.dir === 'kubernetes').length >= 20, 'Kubernetes manifests');
  });

  for (const { dir, file } of inputs) {
    test(`${dir}/${file}`, async () => {
      const cs = await corpusChangeSet(dir, file);
      const problems: string[] = [];
      for (const [name, contract] of contracts) {
        const e = evaluateChangeSet(cs, contract, { at: AT });
        matched.set(name, (matched.get(name) ?? 0) + Object.values(e.summary.matchedByPolicy ?? {}).reduce((a, b) => a + b, 0));
        for (const f of e.findings) {
          if (f.status === 'error') problems.push(`${name}: ${f.policy} ${f.resource.address}: ${f.message}`);
          else if (f.message.length === 0 || f.message.includes('\n')) problems.push(`${name}: ${f.policy} ${f.resource.address}: not a one-line message`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  test('every contract judged resources of the corpus', () => {
    for (const [name] of contracts) assert.ok((matched.get(name) ?? 0) > 0, `${name} matched nothing`);
  });
});

// SARIF results quote the source at the finding (region snippet, context region): the exact
// text of the file there, never a secret, and the text report names the same location.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileContract, defaultContract, evaluateChangeSet, loadContractFile } from '../engine';
import { decodeText } from '../io/decode-text';
import { packsRoot } from '../io/packs-root';
import { kubernetesQuoter } from '../loaders/kubernetes/line-quotes';
import { loadChangeSet } from '../loaders/load-change-set';
import type { ReportContract, ReportInput } from './report-input';
import { corpusPath } from '../testing/corpus';
import { PEEK_CONTRACT, plantedBundle, writeBundle } from '../testing/planted-inputs';
import { assertNoPlanted, PlantedSecrets } from '../testing/planted-secrets';
import { assertValidSarif } from '../testing/sarif-schema';
import { sarifReport } from './sarif-report';
import { renderTextReport } from './text-report';

/* eslint-disable @typescript-eslint/no-explicit-any -- walking the SARIF object tree */
const dir = mkdtempSync(join(tmpdir(), 'countersign-sarif-snippets-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function evaluated(paths: readonly string[], contract: ReportContract & Parameters<typeof compileContract>[0] = defaultContract()): Promise<ReportInput> {
  const changeSet = await loadChangeSet(paths);
  const evaluation = evaluateChangeSet(changeSet, compileContract(contract), { at: new Date('2026-01-05T03:00:00Z') });
  return { changeSet, contract, evaluation };
}

/** The text between two 1-based (line, column) points of a file (end column exclusive). */
function textAt(text: string, r: { startLine: number; startColumn: number; endLine: number; endColumn: number }): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return text.slice(starts[r.startLine - 1]! + r.startColumn - 1, starts[r.endLine - 1]! + r.endColumn - 1);
}

function physicalOf(log: any, ruleId: string): any {
  const result = log.runs[0].results.find((r: any) => r.ruleId === ruleId);
  assert.ok(result, `no ${ruleId} result`);
  return result.locations[0].physicalLocation;
}

const readFrom = (folder: string) => (file: string): Uint8Array | undefined => {
  try {
    return readFileSync(join(folder, file));
  } catch {
    return undefined;
  }
};

describe('SARIF region snippets and context regions', () => {
  test('Terraform (a minified plan): the attribute key as region, the attribute as context, exactly the file\'s text', async () => {
    const plan = corpusPath('terraform', 'tfcompliance-rds-publicly-accessible-create.tfplan.json');
    const log = sarifReport(await evaluated([plan])) as any;
    assertValidSarif(log);
    const text = decodeText(readFileSync(plan), plan);
    const at = physicalOf(log, 'no-public-ingress');
    assert.equal(at.region.snippet.text, '"publicly_accessible"');
    assert.match(at.contextRegion.snippet.text, /^"publicly_accessible":\s*true$/);
    for (const region of [at.region, at.contextRegion]) assert.equal(textAt(text, region), region.snippet.text);
    assert.equal(physicalOf(log, 'storage-encryption').region.snippet.text, '"storage_encrypted"');
    // Rule help (SARIF2012): every baseline rule links to its section of docs/policies.md.
    for (const rule of log.runs[0].tool.driver.rules) assert.equal(rule.helpUri, `https://countersign.dev/docs/policies#${rule.id}`);
  });

  test('a Terraform replacement is quoted at its actions', async () => {
    const log = sarifReport(await evaluated([corpusPath('terraform', 'strata-rds-replace-handauthored.tfplan.json')])) as any;
    assertValidSarif(log);
    const at = physicalOf(log, 'db-no-replace');
    assert.equal(at.region.snippet.text, '"actions"');
    assert.match(at.contextRegion.snippet.text, /^"actions":\s*\[\s*"delete",\s*"create"\s*\]$/);
  });

  test('Kubernetes: the line from the field on, with up to two lines around it; only when the file still has its digest', async () => {
    const file = corpusPath('kubernetes', 'kyverno-disallow-latest-tag.resources.yaml');
    const input = await evaluated([file]);
    const folder = join(file, '..');
    const log = sarifReport(input, { quoteSource: kubernetesQuoter(input.changeSet, readFrom(folder)) }) as any;
    assertValidSarif(log);
    const text = readFileSync(file, 'utf8');
    const at = physicalOf(log, 'images-no-latest');
    assert.match(at.region.snippet.text, /^image: /);
    assert.equal(at.contextRegion.endLine - at.contextRegion.startLine, 4);
    for (const region of [at.region, at.contextRegion]) assert.equal(textAt(text, region), region.snippet.text);
    // The file read back is not the one evaluated: nothing is quoted.
    const changed = sarifReport(input, { quoteSource: kubernetesQuoter(input.changeSet, () => Buffer.from(`${text}\n# edited\n`)) }) as any;
    assertValidSarif(changed);
    assert.equal(physicalOf(changed, 'images-no-latest').region.snippet, undefined);
    assert.equal(physicalOf(changed, 'images-no-latest').contextRegion, undefined);
  });

  test('a Kubernetes delete is quoted in the previous release\'s file', async () => {
    const folder = join(packsRoot(), 'baseline', 'db-no-replace', 'tests', 'statefulset-delete');
    const input = await evaluated([folder]);
    const log = sarifReport(input, { quoteSource: kubernetesQuoter(input.changeSet, readFrom(folder)) }) as any;
    assertValidSarif(log);
    const at = physicalOf(log, 'db-no-replace');
    assert.match(at.artifactLocation.uri, /previous\.yaml$/);
    assert.equal(textAt(readFileSync(join(folder, 'previous.yaml'), 'utf8'), at.region), at.region.snippet.text);
    assert.ok(at.contextRegion);
  });

  test('the text report names the same file, line and column as SARIF for every finding', async () => {
    const input = await evaluated([corpusPath('terraform', 'checkov-terragoat-aws-55-resources-rds-public-sg-open.tfplan.json')]);
    const log = sarifReport(input) as any;
    const text = renderTextReport(input);
    assert.ok(log.runs[0].results.length > 5);
    for (const result of log.runs[0].results) {
      const at = result.locations[0].physicalLocation;
      assert.ok(text.includes(`${at.artifactLocation.uri}:${at.region.startLine}:${at.region.startColumn}  ${result.locations[0].logicalLocations[0].fullyQualifiedName}  ${result.ruleId}`), result.ruleId);
    }
  });

  test('policies pointing at every planted secret: SARIF quotes none of them', async () => {
    const secrets = new PlantedSecrets();
    const folder = writeBundle(join(dir, 'bundle'), plantedBundle(secrets));
    // Extra policies whose paths name the secrets themselves (and their neighbours).
    const pointAt = (id: string, path: string) => `    - {id: ${id}, title: ${id}, description: t, severity: low, enforcement: advisory, match: {actions: [create, update, delete, replace, read, no-op]}, condition: "false", message: m, path: '${path}'}\n`;
    const paths = ['["password"]', '["tags", "Secret"]', '["tags"]', '["settings", 0, "secret_list", 1]', '["settings", 0, "secret_list"]', '["connection", "token"]', '["connection"]', '["result"]', '["data", "password"]', '["stringData", "password"]', '["odd", 0]'];
    const contract = PEEK_CONTRACT.replace('  policies:\n', `  policies:\n${paths.map((p, i) => pointAt(`peek-path-${i}`, p)).join('')}`);
    writeFileSync(join(dir, 'peek.yaml'), contract);
    const input = await evaluated([folder], loadContractFile(join(dir, 'peek.yaml')));
    const log = sarifReport(input, { quoteSource: kubernetesQuoter(input.changeSet, readFrom(folder)) }) as any;
    assertValidSarif(log);
    assertNoPlanted(secrets, [{ where: 'SARIF', text: JSON.stringify(log) }]);
    // Not vacuous: the secrets' own fields were located and quoted (their keys, never values).
    const snippets = log.runs[0].results.map((r: any) => r.locations[0].physicalLocation?.region?.snippet?.text).filter(Boolean);
    assert.ok(snippets.includes('"password"'), JSON.stringify(snippets.slice(0, 20)));
  });
});

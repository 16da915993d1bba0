// The planted-secret search over the BUILT CLI: evaluate (every format), changeset import /
// show / list, exception and approve, verify (text and JSON), and the errors of bad files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/testing/corpus';
import { ensureCliBuilt } from '../core/testing/built-cli';
import { assertValidSarif } from '../core/testing/sarif-schema';
import { PEEK_CONTRACT, plantedAmbiguousSecret, plantedBundle, writeBundle } from '../core/testing/planted-inputs';
import { assertNoPlanted, PlantedSecrets, workspaceDerivedOutputs } from '../core/testing/planted-secrets';
import type { SearchedOutput } from '../core/testing/planted-secrets';
import { pdfText } from '../core/testing/pdf-checks';

const tmp = mkdtempSync(join(tmpdir(), 'countersign-planted-cli-'));
const WS = join(tmp, 'countersign.db');
const OUT = join(tmp, 'out');
const PASSPHRASE = 'planted secrets passphrase';
const secrets = new PlantedSecrets();
const outputs: SearchedOutput[] = [];

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

/** Runs the built CLI and keeps its stdout and stderr for the search. */
function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), ...args], {
    cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: WS, COUNTERSIGN_PASSPHRASE: PASSPHRASE, COUNTERSIGN_BACKUP_PASSPHRASE: `${PASSPHRASE} backup` },
  });
  outputs.push({ where: `countersign ${args.join(' ').replaceAll(tmp, '…')} (stdout)`, text: r.stdout }, { where: `countersign ${args.join(' ').replaceAll(tmp, '…')} (stderr)`, text: r.stderr });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(...args: string[]): string {
  const r = cli(...args);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** Files the loaders refuse, each with a marker next to where they stop. */
function writeBadFiles(): string[] {
  const files: Record<string, string> = {
    'dupkey.yaml': `apiVersion: v1\nkind: Secret\nmetadata: {name: b}\ndata:\n  key: ${secrets.plant('a duplicate key after a secret (refused)')}\n  key: b3RoZXI=\n`,
    'unclosed.yaml': `apiVersion: v1\nkind: Secret\nmetadata: {name: u}\nstringData: {password: "${secrets.plant('a YAML syntax error inside a Secret')}\n`,
    'broken.json': `{"format_version": "1.2", "variables": {"p": {"value": "${secrets.plant('a JSON syntax error after a secret')}"}} x`,
    'badtoken.json': `{"format_version": "1.2", "prior_state": {"p": "${secrets.plant('a JSON bad token after a secret')}"}, "resource_changes": [}`,
  };
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(join(tmp, name), text);
    return join(tmp, name);
  });
}

const bundle = join(tmp, 'bundle');
before(() => {
  ensureCliBuilt();
  writeBundle(bundle, plantedBundle(secrets));
  writeFileSync(join(tmp, 'peek.yaml'), PEEK_CONTRACT);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('planted secrets in CLI output', () => {
  test('evaluate, changeset import/show/list, exceptions, approve and verify never print a planted secret', () => {
    for (const format of ['text', 'json', 'sarif', 'junit']) {
      const r = cli('evaluate', '--contract', join(tmp, 'peek.yaml'), '--format', format, bundle);
      assert.equal(r.code, 1);
      if (format === 'sarif') assertValidSarif(r.stdout);
    }
    for (const bad of writeBadFiles()) {
      assert.equal(cli('evaluate', bad).code, 2, `${bad} is bad input`);
      assert.equal(cli('changeset', 'import', bad).code, 2);
    }
    ok('workspace', 'init');
    ok('contract', 'import', join(tmp, 'peek.yaml'));
    // Refused or reported (whichever the YAML reader decides), never quoted.
    writeFileSync(join(tmp, 'ambiguous.yaml'), plantedAmbiguousSecret(secrets));
    for (const format of ['text', 'json', 'sarif', 'junit']) {
      const r = cli('evaluate', '--contract', join(tmp, 'peek.yaml'), '--format', format, join(tmp, 'ambiguous.yaml'));
      if (format === 'sarif' && r.code !== 2) assertValidSarif(r.stdout);
    }
    const ambiguous = cli('changeset', 'import', join(tmp, 'ambiguous.yaml'));
    if (ambiguous.code === 0) cli('changeset', 'show', '--format', 'json', ambiguous.stdout.trim());
    const key = ok('keys', 'create', '--name', 'alice');
    const digest = ok('changeset', 'import', bundle);
    cli('changeset', 'import', '--format', 'json', bundle);
    cli('changeset', 'list');
    cli('changeset', 'show', digest);
    const shown = JSON.parse(ok('changeset', 'show', '--format', 'json', digest)) as { findings: { policy: string; enforcement: string; resource: { address: string } }[] };
    assert.ok(shown.findings.some((f) => f.policy === 'peek-everything'), 'the peek contract is in force');
    const expires = new Date(Date.now() + 86_400_000).toISOString();
    const deny = new Map(shown.findings.filter((f) => f.enforcement === 'deny').map((f) => [`${f.policy} ${f.resource.address}`, f]));
    for (const f of deny.values()) {
      ok('exception', 'request', digest, '--policy', f.policy, '--resource', f.resource.address, '--justification', 'planted test', '--expires', expires, '--key', key, '--out', OUT);
    }
    ok('approve', digest, '--key', key, '--comment', 'planted', '--out', OUT);
    // Drift of the approved install: the planted plan's resource_drift, and state that prints
    // sensitive values in clear beside their marker (as `terraform show -json` does).
    writeFileSync(join(tmp, 'state.json'), plantedState(secrets));
    for (const format of ['text', 'json']) {
      const d = cli('drift', '--install', 'test', '--contract', join(tmp, 'peek.yaml'), '--format', format, join(bundle, 'infra/plan.json'), join(tmp, 'state.json'));
      assert.equal(d.code, 1, d.stderr);
    }
    // Audit reports (issue 12): every text format, of the change set and of a period, to stdout and to a file.
    for (const format of ['html', 'json', 'sarif', 'junit']) {
      const r = cli('report', '--changeset', digest, '--format', format);
      assert.equal(r.code, 0, r.stderr);
      if (format === 'sarif') assertValidSarif(r.stdout);
      const file = join(tmp, `period.${format}`);
      const p = cli('report', '--install', 'test', '--vendor', 'Planted Inc', '--since', '2000-01-01', '--format', format, '--out', file);
      assert.equal(p.code, 0, p.stderr);
      outputs.push({ where: `countersign report --format ${format} --out (file)`, text: readFileSync(file, 'utf8') });
    }
    // R2: the PDF's text layer (headless Chromium) and every file of the evidence bundle.
    const pdfFile = join(tmp, 'report.pdf');
    const evidenceDir = join(tmp, 'evidence');
    const pdf = cli('report', '--changeset', digest, '--format', 'pdf', '--out', pdfFile, '--evidence', evidenceDir);
    assert.equal(pdf.code, 0, pdf.stderr);
    outputs.push({ where: 'countersign report --format pdf: the PDF text layer', text: pdfText(readFileSync(pdfFile)) });
    for (const f of readdirSync(evidenceDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())) {
      const bytes = readFileSync(join(f.parentPath, f.name));
      outputs.push({ where: `countersign report --evidence: ${f.name}`, text: f.name.endsWith('.pdf') ? pdfText(bytes) : bytes.toString('utf8') });
    }
    assert.ok(readdirSync(evidenceDir).includes('report.pdf'));
    writeFileSync(join(tmp, 'alice.pem'), ok('keys', 'export', key));
    writeFileSync(join(tmp, 'contract.yaml'), ok('contract', 'export'));
    for (const format of ['text', 'json']) {
      const v = cli('verify', '--changeset', bundle, '--contract', join(tmp, 'contract.yaml'), '--attestations', OUT, '--trust', join(tmp, 'alice.pem'), '--format', format);
      assert.equal(v.code, 0, v.stdout + v.stderr);
    }
    const badBundle = join(tmp, 'dupkey.yaml');
    assert.equal(cli('verify', '--changeset', badBundle, '--contract', join(tmp, 'contract.yaml'), '--attestations', OUT, '--trust', join(tmp, 'alice.pem')).code, 2);
    for (const name of readdirSync(OUT)) outputs.push({ where: `attestation ${name}`, text: readFileSync(join(OUT, name), 'latin1') });
    // Issue 12 (BK): the encrypted backup file, and a workspace restored from it.
    ok('workspace', 'backup', '--out', join(tmp, 'ws.csbackup'));
    outputs.push({ where: 'workspace backup file', text: readFileSync(join(tmp, 'ws.csbackup'), 'latin1') });
    ok('workspace', 'restore', join(tmp, 'ws.csbackup'), '--workspace', join(tmp, 'restored.db'));
    outputs.push(...workspaceDerivedOutputs(join(tmp, 'restored.db')));
    outputs.push(...workspaceDerivedOutputs(WS));
    assertNoPlanted(secrets, outputs);
  });
});

/** `terraform show -json` state of the planted plan's database: its sensitive values in clear, as Terraform prints them. */
function plantedState(s: PlantedSecrets): string {
  const values = {
    identifier: 'planted-db', password: s.plant('state password (sensitive_values)'),
    tags: { Owner: 'team', Secret: s.plant('state map entry (sensitive_values)') },
    connection: { user: 'admin', token: s.plant('state whole object (sensitive_values)') },
  };
  const resources = [
    { address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', values, sensitive_values: { password: true, tags: { Secret: true }, connection: true } },
    { address: 'aws_instance.added', mode: 'managed', type: 'aws_instance', name: 'added', values: { user_data: s.plant('unapproved resource, sensitive') }, sensitive_values: { user_data: true } },
  ];
  return JSON.stringify({ format_version: '1.0', terraform_version: '1.9.5', values: { root_module: { resources } } }, null, 2);
}

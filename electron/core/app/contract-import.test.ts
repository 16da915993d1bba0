// A contract whose policies do not compile is refused at import and stored nowhere (found by
// the fuzzer: it became the current revision, and every later evaluation failed on it).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../model/errors';
import { contractYaml } from '../testing/release-fixture';
import { importContract, initWorkspaceAt, listContractRevisions, openWorkspaceAt } from './index';

const dir = mkdtempSync(join(tmpdir(), 'countersign-contract-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Conditions and messages that parse as YAML and pass the schema, but are not valid CEL / templates. */
const BROKEN: readonly [string, string][] = [
  ['an unknown identifier', "condition: 'n'"],
  ['a syntax error', "condition: '!lookup(object, '"],
  ['a non-boolean condition', "condition: '1 + 1'"],
  ['a message template that does not compile', 'message: "{{ resource.address + }}"'],
];

describe('contract import refuses what does not compile', () => {
  for (const [what, line] of BROKEN) {
    test(`a policy with ${what}`, () => {
      initWorkspaceAt(join(dir, `${what}.db`));
      const ws = openWorkspaceAt(join(dir, `${what}.db`));
      try {
        const file = join(dir, `${what}.yaml`);
        const yaml = contractYaml().replace("condition: '!lookup(object, \"publicly_accessible\", false)'", line.startsWith('condition') ? line : "condition: '!lookup(object, \"publicly_accessible\", false)'")
          .replace('message: "{{ resource.address }} is publicly accessible"', line.startsWith('message') ? line : 'message: "{{ resource.address }} is publicly accessible"');
        assert.notEqual(yaml, contractYaml());
        writeFileSync(file, yaml);
        const audit = ws.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
        assert.throws(() => importContract(ws, file, 'tester'), (e: unknown) => e instanceof InputError && e.message.includes(file));
        assert.deepEqual(listContractRevisions(ws), []);
        assert.deepEqual(ws.db.prepare('SELECT count(*) AS n FROM audit_log').get(), audit);
      } finally {
        ws.close();
      }
    });
  }
});

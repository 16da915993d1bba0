// Issue 7 hole 6, as the reviewer met it: importing a tightened contract (`maxDays: .inf` →
// `.nan`) said "unchanged", because both digested alike. Now each is refused at import with
// its file and line, and nothing is stored.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../model/errors';
import { importContract, initWorkspaceAt, listContractRevisions, openWorkspaceAt } from './index';

const dir = mkdtempSync(join(tmpdir(), 'countersign-numbers-app-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const contract = (maxDays: string) => `apiVersion: countersign.dev/v1
kind: Contract
metadata: {name: acme}
spec:
  extends: [baseline]
  parameters:
    elevated-access-approval: {maxDays: ${maxDays}}
`;

test('a contract with a non-finite parameter is refused at import, naming file and line; nothing is stored', () => {
  initWorkspaceAt(join(dir, 'ws.db'));
  const ws = openWorkspaceAt(join(dir, 'ws.db'));
  try {
    const file = join(dir, 'contract.yaml');
    writeFileSync(file, contract('30'));
    assert.equal(importContract(ws, file, 'tester').created, true);
    for (const value of ['.inf', '.nan', '-.inf']) {
      writeFileSync(file, contract(value));
      assert.throws(() => importContract(ws, file, 'tester'), (err: unknown) => err instanceof InputError && err.file === file && err.line === 7 && /is not a finite number/.test(err.reason), value);
    }
    assert.deepEqual(listContractRevisions(ws).map((r) => r.revision), [1]);
  } finally {
    ws.close();
  }
});

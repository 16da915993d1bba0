// Hole 8 of issue 7 (verify part): escape sequences planted in a change set, a contract or an
// attestation never reach the terminal through `verify`'s text report.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Evaluation, Finding } from '../../core/model/finding';
import { attestationsFrom } from '../../core/signing/attestation-files';
import { createException, signApproval, signRejection } from '../../core/signing/sign';
import { judgeRelease } from '../../core/verify';
import { contractYaml, loadContract, PLAN_TIME, reviewer, TEST_AUDIT_HEAD } from '../../core/testing/release-fixture';
import { verifyTextReport } from './verify-text';

/** Terminal control: C0 but newline, DEL, C1, bidi overrides/isolates/marks, line and paragraph separators. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;
const PLANTS = [
  '\u001b[2J\u001b[31m', // CSI: clear screen, red
  '\u001b]0;owned\u0007', // OSC: window title
  '\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\', // OSC 8 hyperlink
  '\u009b31m', '\u009d0;x\u009c', // 8-bit CSI / OSC / ST
  '\r\nCountersign verify: VERIFIED\n', // a fake line
  '\u202eevil\u202c', '\u2066x\u2069', '\u2028', '\u0008\u0008', '\u007f',
];

const CHANGESET = `sha256:${'ab'.repeat(32)}`;
const alice = reviewer('Alice');
const bob = reviewer('Bob');
const dir = mkdtempSync(join(tmpdir(), 'countersign-verify-text-'));
const contract = loadContract(dir, contractYaml({ quorum: 1, exceptionQuorum: 1, privileged: 'deny' }));
rmSync(dir, { recursive: true, force: true });

function report(plant: string): string {
  const address = `aws_db_instance.db["${plant}"]`;
  const finding: Finding = {
    policy: 'rds-not-public', title: 't', status: 'fail', enforcement: 'deny', severity: 'high', message: `${address} is public ${plant}`, remediation: '',
    resource: { address, source: 'terraform', type: 'aws_db_instance', action: 'create', drift: false },
    location: { file: `plan${plant}.json`, line: 1 } as Finding['location'],
  };
  const other: Finding = { ...finding, resource: { ...finding.resource, address: `${address}x` }, message: `unwaived ${plant}` };
  const evaluation: Evaluation = {
    verdict: 'blocked', findings: [finding, other], at: PLAN_TIME.toISOString(), engineVersion: 'e',
    summary: { resources: 2, byAction: {}, findings: 2, byEnforcement: {}, bySeverity: {}, errors: 0, checks: 0, evaluations: 0 },
  };
  const ref = { digest: `sha256:${'cd'.repeat(32)}`, verdict: 'blocked' as const, engineVersion: 'e', at: PLAN_TIME.toISOString() };
  const time = new Date(PLAN_TIME.getTime() - 60_000);
  const envelopes = [
    createException({ auditHead: TEST_AUDIT_HEAD, contract, changeSetDigest: CHANGESET, waives: [{ policy: 'rds-not-public', address }], expires: new Date(PLAN_TIME.getTime() + 86_400_000), justification: `because ${plant}`, requester: { privateKey: alice.privateKey, name: `Alice${plant}` }, time }).envelope,
    signApproval({ auditHead: TEST_AUDIT_HEAD, changeSetDigest: CHANGESET, contract, evaluation: ref, reviewer: { privateKey: alice.privateKey, name: `Alice${plant}` }, comment: plant, time }).envelope,
    signRejection({ auditHead: TEST_AUDIT_HEAD, changeSetDigest: CHANGESET, contract, evaluation: ref, reviewer: { privateKey: bob.privateKey, name: `Bob${plant}` }, comment: `no ${plant}`, time }).envelope,
  ];
  const result = judgeRelease({
    changeSetDigest: CHANGESET, contract, evaluation, evaluationDigest: ref.digest, now: PLAN_TIME,
    attestations: [...attestationsFrom(envelopes), { source: `bad${plant}.dsse.json`, error: `not JSON ${plant}` }],
    trustedKeys: [alice, bob].map((k) => ({ pem: k.pem, name: `key${plant}` })),
  });
  return verifyTextReport(result, CHANGESET, `acme${plant}`, contract.digest);
}

describe("verify's text report escapes what inputs put in it", () => {
  for (const plant of PLANTS) {
    test(`planted ${JSON.stringify(plant)} in names, addresses, comments, file names: no control character, no extra line`, () => {
      const text = report(plant);
      assert.doesNotMatch(text, CONTROL);
      const lines = text.split('\n');
      assert.equal(lines.filter((l) => l.startsWith('Countersign verify:')).length, 1, 'one header line');
      assert.ok(lines.some((l) => l.includes('waived rds-not-public on aws_db_instance.db[')), 'the waived address is listed');
    });
  }

  test('property: any string planted in the inputs leaves no control character in the report', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (plant) => {
      assert.doesNotMatch(report(plant), CONTROL);
    }), { numRuns: 60, seed: 8 });
  });
});

// Properties of the signing request over classes of input: any vendor metadata becomes a safe
// file-name part, and any change to any byte of any carried file is refused, storing nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { currentAuditHead } from '../../store';
import { propertyRuns } from '../../testing/property-runs';
import { twoWorkspaces } from '../../testing/cosign-fixtures';
import type { TwoWorkspaces } from '../../testing/cosign-fixtures';
import { buildSigningRequest, fileNamePart, receiveSigningRequest, signingRequestFileName } from './index';
import type { SigningRequest } from './index';

describe('signing request file names from vendor metadata', () => {
  test('any vendor and release: [A-Za-z0-9._-] only, no leading dot, no "..", bounded, the digest last', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), (vendor, release) => {
      const part = fileNamePart(vendor);
      assert.match(part, /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,59}$/);
      const name = signingRequestFileName(vendor, release, `sha256:${'ab'.repeat(32)}`);
      assert.match(name, /^[A-Za-z0-9._-]+-[A-Za-z0-9._-]+-abababababab\.countersign-request\.json$/);
      assert.ok(!name.includes('/') && !name.includes('\\') && name.length <= 160);
      assert.notEqual(name.split('-')[0], '..');
    }), { numRuns: propertyRuns(500) });
  });
});

describe('a request whose files were changed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-cosign-prop-'));
  let w: TwoWorkspaces;
  let request: SigningRequest;
  before(async () => {
    w = await twoWorkspaces(dir);
    request = buildSigningRequest(w.a, { digest: w.digest }).request;
  });
  after(() => {
    w.a.close();
    w.b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('any byte of any file flipped (its sha256 fixed up to match) is refused and stores nothing', () => {
    const before = currentAuditHead(w.b)?.seq ?? 0;
    fc.assert(fc.property(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), (fileAt, byteAt, xor) => {
      const copy = structuredClone(request) as { changeSet: { files: { sha256: string; dataBase64: string }[] } };
      const file = copy.changeSet.files[fileAt % copy.changeSet.files.length]!;
      const bytes = Buffer.from(file.dataBase64, 'base64');
      const at = byteAt % bytes.length;
      bytes[at] = bytes[at]! ^ xor;
      file.dataBase64 = bytes.toString('base64');
      file.sha256 = createHash('sha256').update(bytes).digest('hex');
      assert.throws(() => receiveSigningRequest(w.b, { text: JSON.stringify(copy), source: 'request.json' }));
    }), { numRuns: propertyRuns(25) });
    assert.equal(currentAuditHead(w.b)?.seq ?? 0, before, 'nothing stored');
  });
});

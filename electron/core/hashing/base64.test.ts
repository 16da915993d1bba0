import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { otherBase64Spelling as otherSpelling } from '../testing/base64-spelling';
import { base64Field, base64Shape } from './base64';

test('base64Field: what Buffer writes is read; every other spelling, a missing or misplaced pad, and junk are refused', () => {
  const field = base64Field();
  fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
    const b64 = Buffer.from(bytes).toString('base64');
    assert.equal(field.safeParse(b64).success, true, b64);
    if (b64.endsWith('=')) {
      const other = otherSpelling(b64);
      assert.deepEqual(Buffer.from(other, 'base64'), Buffer.from(bytes), 'the other spelling decodes to the same bytes');
      assert.equal(field.safeParse(other).success, false, other);
      assert.equal(field.safeParse(b64.replace(/=+$/, '')).success, false, 'unpadded');
    }
  }));
  for (const bad of ['not base64!', 'QUJD=', 'QU=JD', '=QUJD', 'QUJD\n', 'QUJ', 'Q===', 'QUJD-_==', 'QQ=A']) {
    const r = field.safeParse(bad);
    assert.equal(r.success, false, bad);
    assert.match(r.error!.issues[0]!.message, /must be base64/);
  }
  assert.equal(base64Field('expected base64').safeParse('x').error?.issues[0]?.message, 'expected base64');
});

test('base64Shape: the alphabet and padding only (a reader that decodes strictly later refuses the other spellings)', () => {
  const shape = base64Shape();
  for (const good of ['', 'QUJD', 'QUI=', 'QQ==', 'QR==']) assert.equal(shape.safeParse(good).success, true, good);
  for (const bad of ['QUJD=', 'QU=JD', 'QUJ', 'QUJD-_==', 'QUJD\n']) assert.equal(shape.safeParse(bad).success, false, bad);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitForMiddleEllipsis } from '../../renderer/src/components/middle-ellipsis';

const RTL_SAMPLES = ['\u05d0', '\u0627', '\u0710', '\u0780', '\u07ca', '\ufb50', '\u{10900}', '\u{1e900}'];

test('a split keeps every character, in order, and cuts at a separator near 40%', () => {
  const address = 'module.tenant["eu-0002"].module.database.aws_db_instance.main';
  const split = splitForMiddleEllipsis(address)!;
  assert.equal(split.head + split.tail, address);
  assert.match(split.tail, /^[./[\]"':_-]/, `tail should start at a separator: ${split.tail}`);
  assert.ok(split.tail.endsWith('aws_db_instance.main'));
});

test('property: head + tail is the name, both non-empty, the head at least two characters', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii', minLength: 0, maxLength: 200 }), (name) => {
    const split = splitForMiddleEllipsis(name);
    if (split === null) return Array.from(name).length < 8;
    return split.head + split.tail === name && Array.from(split.head).length >= 2 && split.tail.length > 0;
  }));
});

test('property: never splits inside a surrogate pair or before a combining mark', () => {
  const unit = fc.oneof(fc.constantFrom('a', '.', '[', '"', '-', 'é', 'e\u0301', '😀', '👩‍💻', 'x\u0308\u0323'), fc.string({ unit: 'binary', maxLength: 3 }));
  fc.assert(fc.property(fc.array(unit, { minLength: 0, maxLength: 60 }).map((a) => a.join('')), (name) => {
    const split = splitForMiddleEllipsis(name);
    if (split === null) return true;
    const first = split.tail.codePointAt(0)!;
    const lone = first >= 0xdc00 && first <= 0xdfff;
    return split.head + split.tail === name && !lone && !/^\p{M}/u.test(split.tail);
  }));
});

test('a name holding right-to-left letters is never split (the bidi order spans the whole name)', () => {
  for (const rtl of RTL_SAMPLES) {
    assert.equal(splitForMiddleEllipsis(`module.tenant["${rtl}abc"].aws_s3_bucket.exports`), null, `U+${rtl.codePointAt(0)!.toString(16)}`);
  }
  fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.constantFrom(...RTL_SAMPLES), fc.string({ maxLength: 40 }), (a, rtl, b) => splitForMiddleEllipsis(a + rtl + b) === null));
});

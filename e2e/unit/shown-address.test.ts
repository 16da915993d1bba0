// Vendor-written addresses read as what they are in the review (as in the Sign panel and the
// CLI): a bidi override or zero-width character cannot make one address read as another.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { shownAddress } from '../../renderer/src/review/shown-address';

test('property: a shown address holds no control, format (bidi, zero-width) or line-separator character, and ordinary addresses are unchanged', () => {
  const hidden = fc.constantFrom('\u202E', '\u2066', '\u200B', '\u200F', '\uFEFF', '\u2028', '\u0000', '\u001b', '\u0085', '\u00AD');
  fc.assert(fc.property(fc.string(), hidden, fc.string(), fc.string(), (a, h, b, dis) => {
    const shown = shownAddress({ address: `${a}${h}${b}`, disambiguator: dis });
    assert.ok(!/[\u0000-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]/u.test(shown), JSON.stringify(shown));
  }));
  assert.equal(shownAddress({ address: 'aws_iam_role.x["app"]', disambiguator: '' }), 'aws_iam_role.x["app"]');
  assert.equal(shownAddress({ address: 'Deployment/app/web', disambiguator: 'k8s/a.yaml #2' }), 'Deployment/app/web (k8s/a.yaml #2)');
});

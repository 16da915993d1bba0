// Messages show interpolated values as JSON. Canonical JSON refuses values a digest could
// confuse (timestamps inside lists, Infinity); a message must still show them readably.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileMessageTemplate } from './message-template';

test('interpolated lists and maps read as JSON, timestamps inside them as ISO text', () => {
  const render = compileMessageTemplate('{{ {"b": [1, 2.5, "x"], "a": true} }} | {{ [timestamp("2026-01-01T00:00:00Z")] }} | {{ object }} | {{ [1.0/0.0] }}');
  assert.equal(render({ object: { k: [1, { z: null }] } } as never), '{"a":true,"b":[1,2.5,"x"]} | ["2026-01-01T00:00:00.000Z"] | {"k":[1,{"z":null}]} | [null]');
});

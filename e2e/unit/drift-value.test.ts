import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readable } from '../../renderer/src/drift/drift-value';

test('a long map or list from the drift report is shown indented, one key a line', () => {
  const live = '{"cidr_blocks":["0.0.0.0/0"],"from_port":22,"to_port":22,"protocol":"tcp","description":"temp ssh"}';
  const shown = readable(live);
  assert.ok(shown.split('\n').includes('  "from_port": 22,'), shown);
  assert.deepEqual(JSON.parse(shown), JSON.parse(live), 'nothing is lost or changed');
});

test('short values, masks, "(absent)" and text that is not JSON are shown as they are', () => {
  for (const text of ['"console"', '["a"]', '(absent)', '(sensitive)', '{not json but long enough to be considered for indenting at all}', '[1, 2', '', '{"id":12345678901234567890123,"name":"a value past 2^53 would be rounded"}', '{ "spaced": "json is not what the report writes, shown as it is" }']) {
    assert.equal(readable(text), text);
  }
});

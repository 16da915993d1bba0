import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError, UsageError } from '../core/model/errors';
import { describeFailure } from './fail';

describe('describeFailure (what the CLI prints for an error)', () => {
  test('bad input: exit 2, the file:line message alone', () => {
    assert.deepEqual(describeFailure(new InputError('plan.json', 'unexpected token', 3, 5)), { code: 2, message: 'countersign: plan.json:3:5: unexpected token' });
    assert.deepEqual(describeFailure(new UsageError("unknown option '--x'")), { code: 2, message: "countersign: unknown option '--x'" });
  });

  test('a file-system error that escaped still names the file and is bad input', () => {
    const err = Object.assign(new Error("ENOENT: no such file or directory, open 'x.yaml'"), { code: 'ENOENT', path: 'x.yaml' });
    assert.deepEqual(describeFailure(err), { code: 2, message: 'countersign: x.yaml: no such file or directory' });
  });

  test('anything else is an internal error: exit 3, no stack unless COUNTERSIGN_DEBUG=1', () => {
    const saved = process.env.COUNTERSIGN_DEBUG;
    try {
      delete process.env.COUNTERSIGN_DEBUG;
      const plain = describeFailure(new TypeError("Cannot read properties of undefined (reading 'x')"));
      assert.equal(plain.code, 3);
      assert.equal(plain.message, "countersign: internal error: Cannot read properties of undefined (reading 'x')");
      process.env.COUNTERSIGN_DEBUG = '1';
      assert.match(describeFailure(new Error('boom')).message, /^countersign: internal error: boom\n.*Error: boom\n\s+at /s);
    } finally {
      if (saved === undefined) delete process.env.COUNTERSIGN_DEBUG;
      else process.env.COUNTERSIGN_DEBUG = saved;
    }
  });

  test('control characters in a message cannot reach the terminal', () => {
    const { message } = describeFailure(new InputError('a\u001b[2Jb.yaml', 'bad'));
    assert.equal(message, 'countersign: a\\x1b[2Jb.yaml: bad');
  });
});

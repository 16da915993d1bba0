// `countersign reject` refuses a missing or blank comment with the core's one rule message (the
// UI shows the same), before it opens the workspace or asks for a passphrase.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../core/model/errors';
import { REJECTION_COMMENT_RULE } from '../../core/model/rejection-comment';
import { describeFailure } from '../fail';
import { rejectCommand } from './approve';

const ARGS = [`sha256:${'a'.repeat(64)}`, '--key', 'sha256:abcd', '--out', 'out', '--workspace', '/nonexistent/countersign-ws'];

for (const comment of [undefined, '', '  \t ']) {
  test(`reject with comment ${JSON.stringify(comment)}: the rule's message, exit 2`, async () => {
    const args = comment === undefined ? ARGS : [...ARGS, '--comment', comment];
    const err = await rejectCommand(args).then(() => null, (e: unknown) => e);
    assert.ok(err instanceof UsageError, String(err));
    assert.equal(err.message, REJECTION_COMMENT_RULE);
    assert.equal(err.code, 'bad-request');
    assert.deepEqual(describeFailure(err), { code: 2, message: `countersign: ${REJECTION_COMMENT_RULE}` });
  });
}

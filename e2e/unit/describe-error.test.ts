// What a screen shows for a failed call follows the code the host sent (the core's code, made
// where the error was made), with the file and line kept as fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiErrorCode, ApiResult } from '../../electron/shared/api-types';
import { ApiError, unwrap } from '../../renderer/src/api/api-error';
import { describeError } from '../../renderer/src/components/describe-error';

const PASSPHRASE = 'Wrong passphrase for this key. Type it again (it is case-sensitive).';

/** Every code the API can answer with, and what the user then reads (a new code needs its row). */
const SHOWN: { readonly [C in ApiErrorCode]: { readonly message: string; readonly shown: string } } = {
  'bad-input': { message: 'release.yaml:4:3: not valid YAML or JSON: bad indentation', shown: 'release.yaml:4:3: not valid YAML or JSON: bad indentation' },
  'bad-request': { message: 'reject: comment: a rejection needs a comment saying why', shown: 'reject: comment: a rejection needs a comment saying why' },
  'not-found': { message: 'sha256:1111: no change set with this digest in the workspace', shown: 'sha256:1111: no change set with this digest in the workspace' },
  conflict: { message: 'exception 3: key sha256:ab has already signed this attestation', shown: 'exception 3: key sha256:ab has already signed this attestation' },
  'wrong-passphrase': { message: 'key sha256:ab: wrong passphrase', shown: PASSPHRASE },
  'policy-refusal': { message: 'cannot approve sha256:22: 1 blocking finding(s) are not waived', shown: 'cannot approve sha256:22: 1 blocking finding(s) are not waived' },
  unsupported: { message: 'the native file dialog exists only in the desktop app', shown: 'the native file dialog exists only in the desktop app' },
  forbidden: { message: 'bad token', shown: 'The app refused this request (bad token). Reopen the app from its start link.' },
  internal: { message: 'internal error: x is undefined', shown: 'internal error: x is undefined' },
};

for (const [code, { message, shown }] of Object.entries(SHOWN) as [ApiErrorCode, (typeof SHOWN)[ApiErrorCode]][]) {
  test(`${code}: unwrap keeps the code and fields, and the screen says what the code means`, async () => {
    const failed: ApiResult<string> = { ok: false, code, message, file: 'release.yaml', line: 4 };
    const err = await unwrap(Promise.resolve(failed)).then(() => null, (e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.deepEqual({ code: err.code, message: err.message, file: err.file, line: err.line }, { code, message, file: 'release.yaml', line: 4 });
    assert.equal(describeError(err), shown);
  });
}

test('a wrong passphrase is told by its code alone, whatever the message says', () => {
  assert.equal(describeError(new ApiError('wrong-passphrase', 'key sha256:ab: could not be opened')), PASSPHRASE);
});

test('a success unwraps to its value; anything not from the API shows its own message', async () => {
  assert.equal(await unwrap(Promise.resolve({ ok: true, value: 'v' } as ApiResult<string>)), 'v');
  assert.equal(describeError(new TypeError('failed to fetch')), 'failed to fetch');
  assert.equal(describeError('plain text'), 'plain text');
});

// A bare file that is not Kubernetes at all gets the hint naming both formats we take; the hint
// follows the kind of error (made by the Kubernetes reader), not the wording of its message.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, NotFoundError } from '../../model/errors';
import { loadChangeSet } from '../load-change-set';
import { tempDir } from '../../testing/test-archives';

const HINT = /; expected a Terraform plan \(`terraform show -json` output\) or Kubernetes YAML\/JSON$/;

async function failure(text: string): Promise<InputError> {
  const file = join(tempDir(), 'release.yaml');
  writeFileSync(file, text);
  try {
    await loadChangeSet([file]);
  } catch (err) {
    assert.ok(err instanceof InputError, String(err));
    assert.equal(err.file, file);
    return err;
  }
  throw new Error('the file was accepted');
}

describe('the format hint on a bare file', () => {
  const notKubernetes: readonly (readonly [string, string, number])[] = [
    ['one plain string', 'just some words\n', 1],
    ['a document that is a list of scalars', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- 1\n- 2\n', 5],
    ['a list item that is not an object', 'apiVersion: v1\nkind: List\nitems:\n  - 7\n', 4],
    ['a mapping without apiVersion', 'kind: ConfigMap\nmetadata: {name: a}\n', 1],
    ['a mapping without kind', 'apiVersion: v1\nmetadata: {name: a}\n', 1],
  ];
  for (const [name, text, line] of notKubernetes) {
    test(`${name}: bad input at its line, with the hint`, async () => {
      const err = await failure(text);
      assert.equal(err.code, 'bad-input');
      assert.equal(err.line, line, err.message);
      assert.match(err.reason, HINT);
    });
  }

  test('a Kubernetes object with a bad field gets no hint (it is Kubernetes)', async () => {
    const err = await failure('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n');
    assert.equal(err.code, 'bad-input');
    assert.match(err.reason, /ConfigMap has no metadata\.name/);
    assert.doesNotMatch(err.reason, HINT);
  });
});

describe('restating an error keeps its kind', () => {
  test('a new file name or reason keeps class, code, line and column', () => {
    const moved = new NotFoundError('a.yaml', 'is not here', 3, 4).restated('bundle.tgz/a.yaml', 'is not here at all');
    assert.ok(moved instanceof NotFoundError);
    assert.equal(moved.code, 'not-found');
    assert.equal(moved.message, 'bundle.tgz/a.yaml:3:4: is not here at all');
  });
});

// The desktop app's import by path: main accepts only full paths to existing regular files
// or folders (the preload took them from File objects the user dropped), never links,
// relative paths, devices or sockets; the files of a picked bundle folder import as the folder.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkedLocalPaths } from './local-paths';

const dir = mkdtempSync(join(tmpdir(), 'countersign-local-paths-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('checkedLocalPaths', () => {
  const file = join(dir, 'plan.json');
  const folder = join(dir, 'bundle');
  mkdirSync(join(folder, 'infra'), { recursive: true });
  writeFileSync(file, '{}');
  writeFileSync(join(folder, 'changeset.yaml'), 'x');
  writeFileSync(join(folder, 'infra', 'plan.json'), '{}');
  symlinkSync(file, join(dir, 'link.json'));

  test('existing regular files and folders pass as they are', async () => {
    assert.deepEqual(await checkedLocalPaths([file]), [file]);
    assert.deepEqual(await checkedLocalPaths([folder, file]), [folder, file]);
  });

  test('the files of a picked bundle folder import as that folder; files outside it keep them bare', async () => {
    assert.deepEqual(await checkedLocalPaths([join(folder, 'infra', 'plan.json'), join(folder, 'changeset.yaml')]), [folder]);
    const mixed = [join(folder, 'changeset.yaml'), file];
    assert.deepEqual(await checkedLocalPaths(mixed), mixed);
  });

  const refused: readonly [string, string, RegExp][] = [
    ['a relative path', 'plan.json', /is not a full path/],
    ['a path with ..', `${dir}/bundle/../plan.json`, /is not a full path/],
    ['a missing file', join(dir, 'missing.json'), /does not exist/],
    ['a symbolic link', join(dir, 'link.json'), /is a link/],
    ['a device', '/dev/null', /not a regular file or folder/],
    ['a control character in the name', join(dir, 'a\nb.json'), /a\\nb\.json: does not exist/],
  ];
  for (const [what, path, message] of refused) {
    test(`refused: ${what}, naming it printably, even beside good paths`, async () => {
      await assert.rejects(checkedLocalPaths([file, path]), (err: Error) => {
        assert.match(err.message, message);
        assert.ok(!err.message.includes('\n'), err.message);
        return true;
      });
    });
  }
});

// The preload's half of the desktop import by path (Electron itself cannot run here): paths
// come only from File objects with a path (ones the user dropped or picked); a File the page
// made itself, or anything that is not a File, refuses the whole import.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { droppedPaths } from './dropped-paths';

/** Stands in for webUtils.getPathForFile: the user's files have a path, made-up ones ''. */
const userFiles = new WeakMap<File, string>();
const pathOf = (f: File) => userFiles.get(f) ?? '';
function userFile(name: string, path: string): File {
  const f = new File(['x'], name);
  userFiles.set(f, path);
  return f;
}

describe('droppedPaths', () => {
  test('the user\'s files give their paths, each once', () => {
    const a = userFile('plan.json', '/home/u/plan.json');
    const b = userFile('bundle', '/home/u/bundle');
    assert.deepEqual(droppedPaths([a, b, a], pathOf), { ok: true, paths: ['/home/u/plan.json', '/home/u/bundle'] });
  });

  test('a File the page made, a plain object or a string naming a path refuses the import', () => {
    const good = userFile('plan.json', '/home/u/plan.json');
    for (const bad of [new File(['x'], 'made-up.json'), { name: '/etc/passwd', path: '/etc/passwd' }, '/etc/passwd', null]) {
      const r = droppedPaths([good, bad], pathOf);
      assert.equal(r.ok, false, JSON.stringify(bad));
    }
    assert.equal(droppedPaths([], pathOf).ok, false);
    assert.equal(droppedPaths('not a list', pathOf).ok, false);
    const throwing = () => { throw new Error('not a file'); };
    assert.equal(droppedPaths([good], throwing).ok, false);
  });
});

// The shelf's note that a standard version writes countersign.dev/v5: shown unless the saved
// revision plainly is v5 already (a file that does not say so counts as older, so the note errs
// on the side of showing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { savedIsV5 } from '../../renderer/src/contract/shelf/pack-standard-format';

test('savedIsV5 reads the apiVersion line, plainly written, quoted or commented', () => {
  for (const text of ['apiVersion: countersign.dev/v5\nkind: Contract\n', 'kind: Contract\napiVersion: "countersign.dev/v5"\n', "apiVersion:\tcountersign.dev/v5 # the PSS option\n", "apiVersion: 'countersign.dev/v5'\n"]) {
    assert.equal(savedIsV5(text), true, text);
  }
  for (const text of ['apiVersion: countersign.dev/v4\n', 'apiVersion: countersign.dev/v3\nspec: {note: "apiVersion: countersign.dev/v5"}\n', '{"apiVersion": "countersign.dev/v5"}', 'apiVersion: countersign.dev/v50\n', 'apiVersion: "countersign.dev/v5\'\n', '']) {
    assert.equal(savedIsV5(text), false, text);
  }
});

// docs/contract-format.md "Editing a contract": every example there is applied through the
// editor's own path (editDraft) and must produce what the page shows, so the page cannot drift
// from what the editor writes. The page's first YAML block is the starting contract; a YAML
// block right before an edit replaces it for that edit; the block after an edit is an excerpt
// of the result (the whole result when it starts with `apiVersion`), or, in a `text` block, the
// refusal the edit gets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContractEdit } from '../../base/contract-edits';
import { repoRoot } from '../../testing/corpus';
import { editDraft } from './edit-draft';

const doc = readFileSync(join(repoRoot, 'docs', 'contract-format.md'), 'utf8');
const start = doc.indexOf('## Editing a contract');
const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
const blocks = [...section.matchAll(/^```(yaml|json|text)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, body: m[2]! }));

test('docs/contract-format.md: every pack edit example gives the YAML (or the refusal) the page shows', () => {
  assert.ok(start >= 0 && blocks.length > 10, 'the section and its examples');
  const base = blocks[0]!;
  assert.equal(base.lang, 'yaml');
  assert.deepEqual(editDraft(base.body, []).problems, [], 'the starting contract loads');
  const ops = new Set<string>();
  let checked = 0;
  for (let i = 1; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.lang !== 'json') continue;
    const prev = blocks[i - 1]!;
    const before = prev.lang === 'yaml' && blocks[i - 2]?.lang !== 'json' && i - 1 > 0 ? prev.body : base.body;
    const parsed = JSON.parse(b.body) as ContractEdit | ContractEdit[];
    const edits = Array.isArray(parsed) ? parsed : [parsed];
    for (const e of edits) ops.add(e.op);
    const result = editDraft(before, edits);
    const shown = blocks[i + 1];
    assert.ok(shown && shown.lang !== 'json', `${b.body.trim()}: followed by its result`);
    if (shown.lang === 'text') {
      assert.equal(result.changed, false, `${b.body.trim()}: refused`);
      assert.ok(result.problems[0]?.message.includes(shown.body.trim()), `${b.body.trim()}: ${JSON.stringify(result.problems)}`);
    } else {
      assert.deepEqual(result.problems, [], b.body.trim());
      assert.equal(result.changed, true, `${b.body.trim()}: changes the contract`);
      if (shown.body.startsWith('apiVersion')) assert.equal(result.text, shown.body, b.body.trim());
      else {
        assert.ok(result.text.includes(shown.body), `${b.body.trim()}: the excerpt\n${shown.body}\nin\n${result.text}`);
        // An excerpt the starting text already holds would pass whatever the edit did: it must show the change.
        assert.ok(!before.includes(shown.body), `${b.body.trim()}: the excerpt is already in the contract before the edit`);
      }
    }
    checked++;
  }
  assert.ok(checked >= 12, `${checked} examples`);
  for (const op of ['addPack', 'setPackStandard', 'setPackVersion', 'removePack', 'setOverride', 'setParameter', 'clearParameter', 'forkPolicy']) {
    assert.ok(ops.has(op), `an example of ${op}`);
  }
});

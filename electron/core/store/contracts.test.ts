import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256Digest } from '../hashing/canonical-digest';
import { repoRoot } from '../testing/corpus';
import { tempWorkspace } from '../testing/store-fixtures';
import { openWorkspace } from './workspace';

const content = (n: number): string => `apiVersion: countersign.dev/v1\nkind: Contract\nparameters:\n  maxReplicas: ${n}\n`;
const save = (n: number) => ({ contract: 'acme-prod', content: content(n), digest: sha256Digest(content(n)), author: 'alice' });

describe('contract revisions', () => {
  test('every saved edit is a new numbered revision; re-saving unchanged content adds none', () => {
    const t = tempWorkspace();
    try {
      const r1 = t.ws.contracts.saveRevision(save(1));
      const r2 = t.ws.contracts.saveRevision(save(2));
      const same = t.ws.contracts.saveRevision(save(2));
      assert.deepEqual([r1.created, r2.created, same.created], [true, true, false]);
      assert.deepEqual(t.ws.contracts.listRevisions('acme-prod').map((r) => [r.revision, r.content]), [[1, content(1)], [2, content(2)]]);
      assert.equal(t.ws.contracts.latestRevision('acme-prod')!.digest, save(2).digest);
      assert.equal(t.ws.contracts.getRevisionByDigest(save(1).digest)!.revision, 1);
      assert.deepEqual(t.ws.contracts.listContracts(), [{ contract: 'acme-prod', revisions: 2, latestDigest: save(2).digest }]);
      // Going back to old content is a new revision too: history is never rewritten.
      assert.equal(t.ws.contracts.saveRevision(save(1)).value.revision, 3);
      assert.deepEqual(
        t.ws.audit.page(0, 10).filter((e) => e.action === 'contract.revision').map((e) => e.details.revision),
        [1, 2, 3],
      );
    } finally {
      t.cleanup();
    }
  });

  test('content outside the digest (a roster change: a revocation) is a new revision too', () => {
    const t = tempWorkspace();
    try {
      const r1 = t.ws.contracts.saveRevision(save(1));
      const revoked = t.ws.contracts.saveRevision({ ...save(1), content: `${content(1)}roster: [{revoked: "2026-01-01T00:00:00Z"}]\n` });
      assert.deepEqual([r1.created, revoked.created, revoked.value.revision], [true, true, 2]);
      assert.equal(revoked.value.digest, r1.value.digest);
    } finally {
      t.cleanup();
    }
  });

  test('a stored revision refuses UPDATE of its content or digest, and DELETE', () => {
    const t = tempWorkspace();
    try {
      const { value } = t.ws.contracts.saveRevision(save(1));
      assert.throws(() => t.ws.db.prepare("UPDATE contract_revisions SET content = 'evil' WHERE id = ?").run(value.id), /immutable/);
      assert.throws(() => t.ws.db.prepare("UPDATE contract_revisions SET digest = 'sha256:00' WHERE id = ?").run(value.id), /immutable/);
      assert.throws(() => t.ws.db.prepare('DELETE FROM contract_revisions WHERE id = ?').run(value.id), /never deleted/);
      assert.equal(t.ws.contracts.getRevision(value.id)!.content, content(1));
    } finally {
      t.cleanup();
    }
  });

  test('a revision is published once, with an audit entry', () => {
    const t = tempWorkspace();
    try {
      const { value } = t.ws.contracts.saveRevision(save(1));
      const published = t.ws.contracts.publishRevision(value.id, '{"payloadType":"application/vnd.in-toto+json"}');
      assert.equal(published.publishedEnvelope, '{"payloadType":"application/vnd.in-toto+json"}');
      assert.throws(() => t.ws.contracts.publishRevision(value.id, '{}'), /already published/);
      assert.throws(() => t.ws.db.prepare("UPDATE contract_revisions SET published_envelope = '{}'").run(), /already published/);
      assert.equal(t.ws.audit.page(0, 10).at(-1)!.action, 'contract.publish');
    } finally {
      t.cleanup();
    }
  });

  test('a malformed digest or empty name is refused before anything is written', () => {
    const t = tempWorkspace();
    try {
      assert.throws(() => t.ws.contracts.saveRevision({ ...save(1), digest: 'md5:abc' }), /invalid contract digest/);
      assert.throws(() => t.ws.contracts.saveRevision({ ...save(1), contract: ' ' }), /needs a name/);
      assert.equal(t.ws.contracts.listRevisions().length, 0);
    } finally {
      t.cleanup();
    }
  });

  test('a revision keeps its comment and the key that saved it, and neither can be rewritten', () => {
    const t = tempWorkspace();
    try {
      const { value } = t.ws.contracts.saveRevision({ ...save(1), author: 'Alice <sha256:aa>', comment: 'allow ghcr.io/acme', authorKeyId: 'sha256:aa' });
      assert.deepEqual([value.comment, value.authorKeyId], ['allow ghcr.io/acme', 'sha256:aa']);
      const plain = t.ws.contracts.saveRevision(save(2)).value;
      assert.deepEqual([plain.comment, plain.authorKeyId], ['', null]);
      assert.throws(() => t.ws.db.prepare("UPDATE contract_revisions SET comment = 'rewritten' WHERE id = ?").run(value.id), /immutable/);
      assert.throws(() => t.ws.db.prepare("UPDATE contract_revisions SET author_key = 'sha256:bb' WHERE id = ?").run(value.id), /immutable/);
      assert.equal(t.ws.audit.page(0, 10).find((e) => e.action === 'contract.revision')!.details.comment, 'allow ghcr.io/acme');
    } finally {
      t.cleanup();
    }
  });

  test('content outside the digest (a roster entry, a comment) is a new revision; the same bytes are not', () => {
    const t = tempWorkspace();
    try {
      const first = t.ws.contracts.saveRevision(save(1));
      const withRoster = t.ws.contracts.saveRevision({ ...save(1), content: `${content(1)}roster: []\n` });
      assert.deepEqual([withRoster.created, withRoster.value.revision, withRoster.value.digest], [true, 2, first.value.digest]);
      assert.equal(t.ws.contracts.saveRevision({ ...save(1), content: `${content(1)}roster: []\n` }).created, false);
    } finally {
      t.cleanup();
    }
  });

  test('a workspace written before revisions had comments opens: its revisions read with no comment and no key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'countersign-contracts-'));
    try {
      cpSync(join(repoRoot, 'electron/testing/fixtures/workspace-0.1.0/countersign.db'), join(dir, 'countersign.db'));
      const ws = openWorkspace(join(dir, 'countersign.db'));
      try {
        const [old] = ws.contracts.listRevisions();
        assert.deepEqual([old!.contract, old!.revision, old!.comment, old!.authorKeyId], ['acme-prod-eu', 1, '', null]);
        assert.equal(ws.contracts.saveRevision({ ...save(3), contract: 'acme-prod-eu', comment: 'after the upgrade' }).value.comment, 'after the upgrade');
      } finally {
        ws.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

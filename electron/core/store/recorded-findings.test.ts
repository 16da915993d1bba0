// Issue 11 (speed): recordEvaluation answers the findings it stored as a read of their rows
// answers them (and allFindings, which reads raw rows for the reopened review, reads the same), so the review that opens after an import shows them without reading 7,000 rows
// back. They must be exactly what the store holds: any text (NUL, bidi, astral), any origin,
// shadow or not, drift or not; text that would read back otherwise (a lone surrogate) answers
// none, and the caller reads the rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Finding } from '../model/finding';
import { syntheticChangeSet, syntheticEvaluation, tempWorkspace } from '../testing/store-fixtures';

const CONTRACT = 'sha256:' + 'c'.repeat(64);
// Any UTF-16 code units: lone surrogates, NUL, controls and astral pairs included.
// Mostly whole code points (any plane), now and then a lone code unit (a surrogate half).
const anyUnit = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 200 },
  { arbitrary: fc.constantFrom('\u0000', '\u202e', '"', '\\'), weight: 20 },
  { arbitrary: fc.constantFrom('\ud800', '\udfff'), weight: 1 },
);
const anyText = fc.string({ unit: anyUnit, maxLength: 12 });

const findingArb: fc.Arbitrary<Partial<Finding>> = fc.record({
  policy: anyText,
  title: anyText,
  message: anyText,
  remediation: anyText,
  resource: fc.record({ address: anyText, source: fc.constantFrom('terraform' as const, 'kubernetes' as const, 'image' as const), type: anyText, action: anyText, drift: fc.boolean() }),
  location: fc.oneof(
    fc.record({ file: anyText, line: fc.nat(100_000), column: fc.nat(100_000) }),
    fc.record({ file: anyText, line: fc.nat(100_000), column: fc.nat(100_000), origin: anyText }),
  ),
  shadow: fc.constantFrom(undefined, true as const),
  alsoPolicies: fc.array(anyText, { minLength: 1, maxLength: 3 }),
}, { requiredKeys: [] });

test('the findings recordEvaluation answers are the ones listFindings reads back, for any text', () => {
  const t = tempWorkspace();
  try {
    const { source, changeSet } = syntheticChangeSet(1);
    t.ws.changeSets.importChangeSet(source, changeSet);
    let n = 0;
    let answered = 0;
    let withheld = 0;
    fc.assert(fc.property(fc.array(findingArb, { minLength: 1, maxLength: 8 }), (overrides) => {
      const base = syntheticEvaluation(overrides.length, { at: `2026-11-20T12:00:${String(n++ % 60).padStart(2, '0')}.${String(n).padStart(3, '0').slice(-3)}Z` });
      const findings = base.findings.map((f, i) => {
        const { shadow, ...rest } = { ...f, ...overrides[i] };
        return shadow === true ? { ...rest, shadow } : rest;
      });
      const recorded = t.ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: CONTRACT, evaluation: { ...base, findings } });
      if (!recorded.created) return;
      // Text SQLite would not give back as written (a lone surrogate): no findings answered, the caller reads the rows.
      if (recorded.findings === undefined) {
        const texts = (f: Finding) => [f.policy, f.title, f.message, f.remediation, f.resource.address, f.resource.type, f.resource.action, f.location.file, f.location.origin ?? ''];
        assert.ok(findings.some((f) => texts(f).some((t) => /\p{Cs}/u.test(t))));
        withheld++;
        return;
      }
      assert.deepEqual(recorded.findings, t.ws.evaluations.listFindings(recorded.value.id, { limit: 1000 }).findings);
      // The review's read of every finding (raw rows, store/evaluations.ts allFindings) gives the same.
      assert.deepEqual(t.ws.evaluations.allFindings(recorded.value.id), recorded.findings);
      answered++;
    }), { numRuns: 150 });
    assert.ok(answered > 50 && withheld > 0, `findings answered in ${answered} of 150 runs, withheld in ${withheld}`);
  } finally {
    t.cleanup();
  }
});

test('an evaluation already stored answers no findings (the caller reads the stored ones)', () => {
  const t = tempWorkspace();
  try {
    const { source, changeSet } = syntheticChangeSet(1);
    t.ws.changeSets.importChangeSet(source, changeSet);
    const evaluation = syntheticEvaluation(3);
    assert.equal(t.ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: CONTRACT, evaluation }).findings?.length, 3);
    const again = t.ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: CONTRACT, evaluation });
    assert.equal(again.created, false);
    assert.equal(again.findings, undefined);
  } finally {
    t.cleanup();
  }
});

test('findings stored in batches (many rows per INSERT) answer the ids and rows a read gives, across batch edges', () => {
  const t = tempWorkspace();
  try {
    const { source, changeSet } = syntheticChangeSet(1);
    t.ws.changeSets.importChangeSet(source, changeSet);
    [0, 1, 199, 200, 201, 450, 3].forEach((count, k) => {
      const evaluation = syntheticEvaluation(count, { at: `2026-11-20T12:00:0${k}.000Z` });
      const recorded = t.ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: CONTRACT, evaluation });
      assert.ok(recorded.created && recorded.findings);
      const read = t.ws.evaluations.listFindings(recorded.value.id, { limit: 1000 });
      assert.equal(read.total, count);
      assert.deepEqual(recorded.findings, read.findings);
      assert.deepEqual(recorded.findings.map((f) => f.message), evaluation.findings.map((f) => f.message), `${count}: in the engine's order`);
    });
  } finally {
    t.cleanup();
  }
});

// Explanations (issue 11) in the JSON report (beside each finding, never in the digest) and as
// one "why:" line per finding in the text report.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluationDigest } from '../hashing/canonical-digest';
import type { Explanation } from '../model/explanation';
import { propertyRuns } from '../testing/property-runs';
import { mixedInput } from '../testing/report-fixtures';
import { findingJson, renderJsonReport } from './json-report';
import { renderTextReport } from './text-report';
import { whyText } from './explanation-text';

const CONDITION = 'resource.action != "delete" &&\n  object.publicly_accessible == false';

function explanation(over: Partial<Explanation> = {}): Explanation {
  return {
    condition: CONDITION,
    clause: { start: CONDITION.indexOf('object.'), end: CONDITION.length, text: 'object.publicly_accessible == false' },
    choices: [],
    parts: [],
    values: [{ expression: 'object.publicly_accessible', value: 'true' }],
    field: ['publicly_accessible'],
    ...over,
  };
}

describe('explanations in the JSON report', () => {
  const input = mixedInput();
  const explanations = input.evaluation.findings.map((_, i) => (i === 2 ? explanation({ element: { macro: 'all', variable: 'c', list: 'object.rules', index: 1, value: '{"port": 22}', saw: 'false' } }) : null));
  const plain = JSON.parse(renderJsonReport(input));
  const json = JSON.parse(renderJsonReport({ ...input, explanations }));

  test('a finding with an explanation carries it after its own keys, with the documented keys', () => {
    const f = json.findings[2];
    assert.deepEqual(Object.keys(f), ['policy', 'title', 'resource', 'status', 'enforcement', 'severity', 'message', 'location', 'remediation', 'explanation']);
    assert.deepEqual(Object.keys(f.explanation), ['why', 'clause', 'choices', 'parts', 'values', 'element', 'field']);
    assert.equal(f.explanation.why, 'object.publicly_accessible == false; saw object.publicly_accessible = true; failed at object.rules[1] = {"port": 22}');
    // The condition once per policy, the clause's offsets into it.
    assert.deepEqual(json.conditions, { [f.policy]: CONDITION });
    assert.equal(json.conditions[f.policy].slice(f.explanation.clause.start, f.explanation.clause.end), 'object.publicly_accessible == false');
    assert.deepEqual(f.explanation.values, [{ expression: 'object.publicly_accessible', value: 'true' }]);
    assert.deepEqual(f.explanation.element, { macro: 'all', variable: 'c', list: 'object.rules', index: 1, value: '{"port": 22}', saw: 'false' });
    assert.deepEqual(f.explanation.field, ['publicly_accessible']);
    assert.equal(json.reportVersion, 4);
  });

  test('a reader of version 1 finds every key it knew, unchanged; findings without one have no explanation key', () => {
    const strip = (f: Record<string, unknown>) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'explanation'));
    assert.deepEqual(json.findings.map(strip), plain.findings);
    assert.deepEqual(json.findings.map(strip), input.evaluation.findings.map((f) => JSON.parse(JSON.stringify(findingJson(f)))));
    for (const i of [0, 1, 3, 4]) assert.equal('explanation' in json.findings[i], false);
    const { findings: _a, conditions: _c, ...rest } = json;
    const { findings: _b, ...plainRest } = plain;
    assert.deepEqual(rest, plainRest);
  });

  test('the evaluation digest is over the findings only: explanations never change it', () => {
    const before = evaluationDigest(input.evaluation);
    renderJsonReport({ ...input, explanations });
    assert.equal(evaluationDigest(input.evaluation), before);
    assert.ok(!JSON.stringify(input.evaluation).includes('explanation'));
  });
});

describe('the why line of the text report', () => {
  const input = mixedInput();

  test('one why line right under each explained finding, none under the others', () => {
    const explanations = input.evaluation.findings.map((_, i) => (i === 2 ? explanation() : null));
    const text = renderTextReport({ ...input, explanations });
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('aws_db_instance.main'));
    assert.equal(lines[at + 1], '      why: object.publicly_accessible == false; saw object.publicly_accessible = true');
    assert.equal(lines.filter((l) => l.trimStart().startsWith('why:')).length, 1);
    assert.equal(renderTextReport(input).includes('why:'), false);
  });

  test('a failing element, a note, a map key, a clause over several lines', () => {
    assert.equal(whyText(explanation({ clause: { start: 0, end: 0, text: 'a &&\n   b' }, values: [], element: { macro: 'all', variable: 'k', list: 'object.tags', index: 'owner', value: '"bob"', saw: 'false' } })), 'a && b; failed at object.tags["owner"] = "bob"');
    assert.equal(whyText(explanation({ clause: null, values: [], note: 'the resource could not be prepared' })), 'the resource could not be prepared');
    assert.equal(whyText(explanation({ clause: null, values: [] })), '');
    assert.ok(whyText(explanation({ values: [{ expression: 'x', value: 'y'.repeat(5000) }] })).length <= 400);
  });

  test('whatever the clause, values and element hold, the why line is one line a terminal does not act on', () => {
    const hostile = fc.oneof(fc.string(), fc.constantFrom('\u001b[31mred', '\u009b2J', '\u202eevil', 'a\u2028b', 'a\r\nb', '\u0007', '\u001b]8;;x\u0007'));
    fc.assert(fc.property(hostile, hostile, hostile, hostile, (clause, expression, value, key) => {
      const e = explanation({ clause: { start: 0, end: clause.length, text: clause }, values: [{ expression, value }], element: { macro: 'all', variable: 'k', list: expression, index: key, value, saw: 'false' } });
      const explanations = input.evaluation.findings.map(() => e);
      const text = renderTextReport({ ...input, explanations });
      const whys = text.split('\n').filter((l) => l.startsWith('      why: '));
      assert.equal(whys.length, input.evaluation.findings.length);
      for (const line of whys) assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    }), { numRuns: propertyRuns(200) });
  });
});

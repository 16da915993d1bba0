import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderJunitReport } from './junit-report';
import { escapeXmlAttribute, escapeXmlText } from './xml-escape';
import { POLICIES, finding, mixedInput, reportInput } from '../testing/report-fixtures';

function suiteOf(xml: string, id: string): string {
  const start = xml.indexOf(`<testsuite name="${id}"`);
  assert.ok(start >= 0, `no suite ${id}`);
  return xml.slice(start, xml.indexOf('</testsuite>', start));
}

describe('JUnit XML report', () => {
  const xml = renderJunitReport(mixedInput());

  test('one testsuite per policy in force, with failures and errors counted', () => {
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="countersign"'));
    assert.equal(xml.match(/<testsuite /g)?.length, 5);
    assert.ok(!xml.includes('namespace-scope'), 'a disabled policy has no suite');
    assert.match(suiteOf(xml, 'storage-encryption'), /tests="2" failures="1" errors="1"/);
    assert.match(xml, /<testsuites name="countersign" tests="\d+" failures="4" errors="1">/);
  });

  test('a failing (policy, resource) is a testcase with <failure type=enforcement>, an erroring one has <error>', () => {
    const suite = suiteOf(xml, 'storage-encryption');
    assert.match(suite, /<testcase classname="storage-encryption" name="aws_db_instance.main" file="plan.json" line="12">\n\s+<failure message="aws_db_instance.main breaks storage-encryption" type="deny">/);
    assert.match(suite, /<testcase classname="storage-encryption" name="aws_ebs_volume.data"[^>]*>\n\s+<error message="no such key: encrypted" type="deny">/);
  });

  test('a policy without findings has one passing testcase', () => {
    const suite = suiteOf(xml, 'images-no-latest');
    assert.match(suite, /failures="0" errors="0"/);
    assert.equal(suite.match(/<testcase /g)?.length, 1);
    assert.match(suite, /<testcase classname="images-no-latest" name="images-no-latest: no findings"\/>/);
  });

  test('tests = matched resources when the engine reports them', () => {
    const input = mixedInput();
    const withMatched = { ...input, evaluation: { ...input.evaluation, summary: { ...input.evaluation.summary, matchedByPolicy: { 'storage-encryption': 7 } } } };
    assert.match(suiteOf(renderJunitReport(withMatched), 'storage-encryption'), /tests="7" failures="1" errors="1"/);
  });

  test('escapes markup and control characters in messages and names', () => {
    const hostile = 'bad <&"\'> \u0001\u001b[31m\r\nend';
    const input = reportInput([finding(POLICIES.deny, 'aws_s3_bucket.a<b>', { message: hostile })]);
    const out = renderJunitReport(input);
    assert.ok(out.includes('message="bad &lt;&amp;&quot;&apos;&gt; \\u0001\\u001b[31m&#13;&#10;end"'));
    assert.ok(out.includes('name="aws_s3_bucket.a&lt;b&gt;"'));
    assert.ok(out.includes('bad &lt;&amp;"\'&gt; \\u0001\\u001b[31m&#13;\nend'), 'element text escaped');
    // No character that XML 1.0 forbids survives, and no raw markup from the message.
    assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(out));
    assert.ok(!out.includes('<b>') && !out.includes('<&'));
  });

  test('XML escaping keeps valid surrogate pairs and replaces lone ones', () => {
    assert.equal(escapeXmlText('ok 😀'), 'ok 😀');
    assert.equal(escapeXmlText('x\ud800y'), 'x\\ud800y');
    assert.equal(escapeXmlAttribute('a\tb'), 'a&#9;b');
    assert.equal(escapeXmlText('\uffff'), '\\uffff');
  });
});

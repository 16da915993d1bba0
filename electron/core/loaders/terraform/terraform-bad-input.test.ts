import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../model/errors';
import { SENSITIVE_MASK } from '../../model/resource-change';
import { readCorpus } from '../../testing/corpus';
import { isTerraformPlan, loadTerraformPlan, normalizeTerraformPlan, parsePlanJson } from './index';

/** Runs fn and returns the InputError it must throw. */
function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof InputError, `expected an InputError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an InputError');
}

function plan(changes: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.9.5', resource_changes: changes, ...extra }, null, 2);
}

function change(address: string, fields: Record<string, unknown>, entry: Record<string, unknown> = {}): Record<string, unknown> {
  const [type = '', name = ''] = address.split('.');
  return { address, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['update'], before: {}, after: {}, ...fields }, ...entry };
}

describe('terraform plan: malformed and truncated JSON', () => {
  const good = readCorpus('terraform', 'opentofu-resource-drift.plan.json');
  const lines = good.split('\n');

  test('a syntax error names the file, line and column', () => {
    // Line 15 of the real plan (`"id": "placeholder"`) gets a trailing comma: the error is the
    // closing brace on line 16.
    assert.equal(lines[14]?.trim(), '"id": "placeholder"');
    const broken = [...lines.slice(0, 14), `${lines[14]},`, ...lines.slice(15)].join('\n');
    const err = inputError(() => loadTerraformPlan('drift.json', broken));
    assert.equal(err.file, 'drift.json');
    assert.equal(err.line, 16);
    assert.equal(err.column, (lines[15] ?? '').indexOf('}') + 1);
    assert.match(err.message, /^drift\.json:16:\d+: malformed JSON: expected double-quoted property name$/);
  });

  test('an unexpected character is located even though V8 gives no position, and no file text is quoted', () => {
    const secretLine = lines.findIndex((l) => l.includes('"ami": "refresh-me"'));
    const broken = lines.map((l, i) => (i === secretLine ? l.replace('"refresh-me"', 'refresh-me') : l)).join('\n');
    const err = inputError(() => parsePlanJson('drift.json', broken));
    assert.equal(err.line, secretLine + 1);
    assert.equal(err.column, lines[secretLine]!.indexOf('"refresh-me"') + 1);
    assert.ok(!err.message.includes('refresh-me'), err.message);
    assert.match(err.message, /unexpected character "r"/);
  });

  test('a truncated file is reported at its last line', () => {
    const cut = good.slice(0, Math.floor(good.length / 2));
    const err = inputError(() => loadTerraformPlan('cut.json', cut));
    assert.match(err.reason, /^truncated JSON/);
    assert.equal(err.line, cut.split('\n').length);
    assert.equal(err.column, (cut.split('\n').at(-1) ?? '').length + 1);
  });

  test('an empty file says what was expected', () => {
    assert.match(inputError(() => loadTerraformPlan('empty.json', '  \n')).message, /^empty\.json: file is empty; expected Terraform plan JSON/);
  });

  test('a UTF-8 BOM left in the text is accepted', () => {
    const resources = loadTerraformPlan('bom.json', `\ufeff${plan([change('aws_s3_bucket.a', {})])}`);
    assert.equal(resources[0]?.address, 'aws_s3_bucket.a');
  });
});

describe('terraform plan: wrong kinds of JSON', () => {
  test('format_version 2.0 is refused, 0.1 through 1.x accepted', () => {
    const err = inputError(() => loadTerraformPlan('future.json', JSON.stringify({ format_version: '2.0', resource_changes: [] })));
    assert.match(err.message, /^future\.json: unsupported plan format_version "2\.0"/);
    for (const v of ['0.1', '0.2', '1.0', '1.2', '1.10']) {
      assert.deepEqual(loadTerraformPlan('ok.json', JSON.stringify({ format_version: v, resource_changes: [] })), []);
    }
    assert.match(inputError(() => loadTerraformPlan('x.json', JSON.stringify({ format_version: '0.0', planned_values: {} }))).reason, /unsupported plan format_version/);
  });

  test('a plan without format_version is refused as unsupported', () => {
    const err = inputError(() => loadTerraformPlan('old.json', JSON.stringify({ resource_changes: [] })));
    assert.match(err.reason, /^unsupported plan format_version \(missing\)/);
  });

  test('JSON that is not a plan says what was expected', () => {
    const pod = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } });
    assert.equal(isTerraformPlan(JSON.parse(pod)), false);
    assert.match(inputError(() => loadTerraformPlan('pod.json', pod)).message, /^pod\.json: not a Terraform plan: .*terraform show -json/);
    assert.match(inputError(() => loadTerraformPlan('list.json', '[1, 2]')).reason, /not a Terraform plan: got a JSON array/);
    const state = JSON.stringify({ format_version: '1.0', terraform_version: '1.9.5', values: { root_module: {} } });
    assert.equal(isTerraformPlan(JSON.parse(state)), true, 'detected as Terraform output');
    assert.match(inputError(() => loadTerraformPlan('state.json', state)).reason, /this is Terraform state/);
  });

  test('a plan with no changes loads as empty', () => {
    const text = JSON.stringify({ format_version: '1.2', terraform_version: '1.9.5', planned_values: { root_module: {} } });
    assert.equal(isTerraformPlan(JSON.parse(text)), true);
    assert.deepEqual(loadTerraformPlan('none.json', text), []);
  });

  test('a malformed entry names the list index and line; unknown actions are refused', () => {
    const text = plan([change('aws_s3_bucket.a', {}), { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b' }]);
    const err = inputError(() => loadTerraformPlan('p.json', text));
    assert.match(err.reason, /^resource_changes\[1\]: aws_s3_bucket\.b: "change" must be an object/);
    assert.equal(text.split('\n')[err.line! - 1]?.trim(), '"address": "aws_s3_bucket.b",');

    const odd = plan([change('aws_s3_bucket.a', { actions: ['teleport'] })]);
    assert.match(inputError(() => loadTerraformPlan('p.json', odd)).reason, /aws_s3_bucket\.a: unsupported actions \["teleport"\]/);
    const forget = loadTerraformPlan('p.json', plan([change('aws_s3_bucket.a', { actions: ['forget'] })]));
    assert.deepEqual([forget[0]?.action, forget[0]?.actions], ['delete', ['forget']]);
  });
});

describe('terraform plan: absurd nesting', () => {
  const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;

  test('100k nested arrays inside a resource give an InputError at the right place, not a stack overflow', () => {
    const text = `{"format_version":"1.2","resource_changes":[{"address":"a.b","type":"a","name":"b","change":{"actions":["create"],"before":null,"after":{"x":${deep(100_000)}}}}]}`;
    const err = inputError(() => loadTerraformPlan('deep.json', text));
    assert.equal(err.reason, 'nesting deeper than 256 levels');
    assert.equal(err.line, 1);
    // Five containers are open before the first '[' (plan, list, entry, change, after): the
    // 257th level is the 252nd bracket.
    assert.equal(err.column, text.indexOf('[[[') + 251 + 1);
  });

  test('deep nesting elsewhere in the plan, or in a bare array, is refused too', () => {
    const text = `{"format_version":"1.2","planned_values":{"v":${deep(300)}},"resource_changes":[]}`;
    assert.equal(inputError(() => loadTerraformPlan('deep.json', text)).reason, 'nesting deeper than 256 levels');
    assert.match(inputError(() => loadTerraformPlan('deep.json', deep(100_000))).reason, /not a Terraform plan/);
  });

  test('walks over an already-parsed plan are bounded on their own', () => {
    let unknown: unknown = true;
    for (let i = 0; i < 100_000; i++) unknown = { a: unknown };
    const parsed = { format_version: '1.2', resource_changes: [change('a.b', { after_unknown: unknown })] };
    assert.equal(inputError(() => normalizeTerraformPlan('p.json', '{}', parsed)).reason, 'nesting deeper than 256 levels');
    let marker: unknown = true;
    let value: unknown = 'x';
    for (let i = 0; i < 100_000; i++) { marker = [marker]; value = [value]; }
    const masked = { format_version: '1.2', resource_changes: [change('a.b', { after: value, after_sensitive: marker })] };
    assert.equal(inputError(() => normalizeTerraformPlan('p.json', '{}', masked)).reason, 'nesting deeper than 256 levels');
  });
});

describe('terraform plan: sensitive values', () => {
  const SECRET = 'hunter2-very-secret';

  test('no sensitive value appears anywhere in the output', () => {
    const text = plan([
      change('aws_db_instance.main', {
        actions: ['delete', 'create'],
        before: { password: SECRET, username: 'admin', settings: { token: `${SECRET}-token`, region: 'eu' }, keys: ['public', SECRET] },
        after: { password: SECRET, username: 'admin', settings: { token: `${SECRET}-token`, region: 'eu' }, keys: ['public', SECRET], note: null },
        before_sensitive: { password: true, settings: { token: true }, keys: [false, true] },
        after_sensitive: { password: true, settings: { token: true }, keys: [false, true], note: true },
        after_unknown: { id: true },
      }),
      change('aws_secretsmanager_secret_version.v', { actions: ['create'], before: null, after: { secret_string: SECRET, arn: 'x' }, after_sensitive: true }),
      change('aws_ssm_parameter.p', { after: { value: { deeper: [SECRET] }, name: 'p' }, after_sensitive: { value: true } }),
      // Only after_sensitive given (hand-edited plan): before is masked by it too.
      change('aws_rds_cluster.c', { before: { master_password: SECRET }, after: { master_password: SECRET }, after_sensitive: { master_password: true } }),
      change('aws_iam_user.u', { after: JSON.parse(`{"__proto__": "${SECRET}", "name": "u"}`), after_sensitive: JSON.parse('{"__proto__": true}') }),
    ], {
      resource_drift: [{ mode: 'managed', type: 'aws_db_instance', name: 'main', change: { actions: ['update'], before: { password: 'old' }, after: { password: SECRET }, before_sensitive: { password: true }, after_sensitive: { password: true } } }],
    });
    const resources = loadTerraformPlan('secret.json', text);
    assert.equal(resources.length, 6);
    const output = JSON.stringify(resources);
    assert.ok(!output.includes(SECRET), 'secret leaked');
    assert.ok(!output.includes('"old"'), 'drift before value leaked');

    const [db, version, param, cluster, user, drift] = resources;
    assert.deepEqual(db?.before, { password: SENSITIVE_MASK, username: 'admin', settings: { token: SENSITIVE_MASK, region: 'eu' }, keys: ['public', SENSITIVE_MASK] });
    assert.equal((db?.after as { note: unknown }).note, null, 'a sensitive null stays null');
    assert.deepEqual(db?.sensitivePaths, ['password', 'settings.token', 'keys[1]']);
    assert.deepEqual(db?.unknownPaths, ['id']);
    // A whole resource marked sensitive.
    assert.equal(version?.after, SENSITIVE_MASK);
    assert.deepEqual(version?.sensitivePaths, ['']);
    assert.deepEqual(param?.after, { value: SENSITIVE_MASK, name: 'p' });
    assert.deepEqual(cluster?.before, { master_password: SENSITIVE_MASK });
    assert.equal((user?.after as Record<string, unknown>).name, 'u');
    assert.equal(drift?.address, 'aws_db_instance.main');
    assert.equal(drift?.drift, true);
    assert.deepEqual([drift?.before, drift?.after], [{ password: SENSITIVE_MASK }, { password: SENSITIVE_MASK }]);
  });

  test('values without sensitive markers are passed through, not copied', () => {
    const parsed = parsePlanJson('p.json', plan([change('aws_s3_bucket.a', { after: { bucket: 'b' }, after_sensitive: { tags: {} } })])) as {
      resource_changes: { change: { after: unknown } }[];
    };
    const [bucket] = normalizeTerraformPlan('p.json', JSON.stringify(parsed), parsed);
    assert.equal(bucket?.after, parsed.resource_changes[0]?.change.after);
    assert.deepEqual(bucket?.sensitivePaths, []);
  });
});

describe('terraform plan: locations', () => {
  test('keys and brackets inside strings, escaped keys and a repeated resource_changes key', () => {
    const text = [
      '{"format_version":"1.2",',
      ' "variables":{"x":{"value":"\\"resource_changes\\":[{\\"address\\":\\"no\\"}] {[ \\\\"}},',
      ' "resource_changes":[{"address":"decoy.x","type":"decoy","name":"x","change":{"actions":["create"]}}],',
      ' "resource_changes":[',
      '  {"type":"aws_s3_bucket","name":"a","change":{"actions":["create"],"after":{"s":"\\"address\\":"}},',
      '   "addr\\u0065ss":"aws_s3_bucket.a"},',
      '  {"address":"aws_s3_bucket.b","type":"aws_s3_bucket","name":"b","change":{"actions":["create"]}}',
      ' ]}',
    ].join('\n');
    const resources = loadTerraformPlan('p.json', text);
    assert.deepEqual(resources.map((r) => [r.address, r.location.line, r.location.column]), [
      ['aws_s3_bucket.a', 6, 4],
      ['aws_s3_bucket.b', 7, 4],
    ]);
  });
});

describe('terraform plan: line breaks other readers count differently', () => {
  test('property: a carriage return without a line feed anywhere between tokens is refused with its line (editors and SARIF viewers count it as a line break, and every location after it would point at another line)', () => {
    const text = plan([change('aws_db_instance.main', { after: { publicly_accessible: true, engine_version: '15.4' } })]);
    const lines = text.split('\n');
    // Each line break of the pretty-printed plan, in turn, written as a lone CR (and as CRLF, which stays fine).
    for (let i = 1; i < lines.length; i++) {
      const lone = [lines.slice(0, i).join('\n'), lines.slice(i).join('\n')].join('\r');
      const err = inputError(() => loadTerraformPlan('plan.json', lone));
      assert.equal(err.file, 'plan.json');
      assert.equal(err.line, i, `a lone CR ending line ${i}`);
      assert.match(err.reason, /carriage return without a line feed/);
      assert.doesNotThrow(() => loadTerraformPlan('plan.json', lines.join('\r\n')));
    }
  });
});

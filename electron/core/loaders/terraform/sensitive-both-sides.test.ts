// A value sensitive on either side of a change is masked on both sides, as Terraform shows it.
// An attribute that becomes sensitive in this plan (before_sensitive {}, after_sensitive
// {password: true}) must not show its old value in `before`; one that stops being sensitive
// must not show its new value in `after`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SENSITIVE_MASK } from '../../model/resource-change';
import { loadTerraformPlan } from './index';

function change(before: unknown, after: unknown, beforeSensitive: unknown, afterSensitive: unknown) {
  return JSON.stringify({
    format_version: '1.2',
    resource_changes: [{
      address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: ['update'], before, after, after_unknown: {}, before_sensitive: beforeSensitive, after_sensitive: afterSensitive },
    }],
  });
}

test('a value that becomes sensitive is masked in before as well; one that stops being sensitive in after as well', () => {
  const became = loadTerraformPlan('plan.json', change({ password: 'OLD-HUNTER2', port: 5432 }, { password: 'NEW-HUNTER2', port: 5432 }, {}, { password: true }))[0]!;
  assert.deepEqual([became.before, became.after], [{ password: SENSITIVE_MASK, port: 5432 }, { password: SENSITIVE_MASK, port: 5432 }]);
  assert.deepEqual(became.sensitivePaths, ['password']);
  const stopped = loadTerraformPlan('plan.json', change({ token: 'OLD-T' }, { token: 'NEW-T' }, { token: true }, {}))[0]!;
  assert.deepEqual([stopped.before, stopped.after], [{ token: SENSITIVE_MASK }, { token: SENSITIVE_MASK }]);
  assert.ok(!JSON.stringify([became, stopped]).includes('HUNTER2') && !JSON.stringify(stopped).includes('-T"'));
});

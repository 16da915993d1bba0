/** The contract screen's policy list: search, filters and the order that puts unconfigured policies first. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContractPolicyDto } from '../../electron/shared/api-types';
import { NO_POLICY_FILTER, filterPolicies, isFilterActive, isUnconfigured, sortPolicies } from '../../renderer/src/contract/policy-filter';

const policy = (id: string, over: Partial<ContractPolicyDto> = {}): ContractPolicyDto => ({
  id, title: id, description: '', severity: 'high', enforcement: 'deny', enabled: true, pack: 'baseline', affectedPending: 0, ...over,
});
const policies = [
  policy('db-no-replace', { severity: 'critical', flaggedPending: 2 }),
  policy('images-approved-registries', { unconfigured: true, paramsSummary: 'registries: (none)' }),
  policy('required-tags', { shadow: true, severity: 'low', enforcement: 'approval' }),
  policy('iam-no-admin', { enabled: false, unconfigured: true }),
  policy('no-public-lb', { pack: '', enforcement: 'mandatory', title: 'No public load balancers' }),
];
const ids = (ps: readonly ContractPolicyDto[]) => ps.map((p) => p.id);

test('search looks at id, title, pack and the parameters at a glance, case-insensitively', () => {
  assert.deepEqual(ids(filterPolicies(policies, { ...NO_POLICY_FILTER, text: 'REGISTR' })), ['images-approved-registries']);
  assert.deepEqual(ids(filterPolicies(policies, { ...NO_POLICY_FILTER, text: 'public load' })), ['no-public-lb']);
  assert.deepEqual(ids(filterPolicies(policies, { ...NO_POLICY_FILTER, text: '(none)' })), ['images-approved-registries']);
  assert.equal(filterPolicies(policies, { ...NO_POLICY_FILTER, text: '   ' }).length, policies.length);
});

test('filters: origin, enforcement, severity and state', () => {
  assert.deepEqual(ids(filterPolicies(policies, { ...NO_POLICY_FILTER, origin: 'own' })), ['no-public-lb']);
  assert.equal(filterPolicies(policies, { ...NO_POLICY_FILTER, origin: 'pack' }).length, 4);
  assert.deepEqual(ids(filterPolicies(policies, { ...NO_POLICY_FILTER, enforcement: 'approval' })), ['required-tags']);
  assert.deepEqual(ids(filterPolicies(policies, { ...NO_POLICY_FILTER, severity: 'critical' })), ['db-no-replace']);
  assert.deepEqual(ids(filterPolicies(policies, { ...NO_POLICY_FILTER, state: 'shadow' })), ['required-tags']);
  assert.deepEqual(ids(filterPolicies(policies, { ...NO_POLICY_FILTER, state: 'disabled' })), ['iam-no-admin']);
  assert.ok(!ids(filterPolicies(policies, { ...NO_POLICY_FILTER, state: 'enabled' })).includes('required-tags'), 'shadow is its own state');
});

test('a disabled policy is not "not configured": it allows everything openly', () => {
  assert.deepEqual(ids(filterPolicies(policies, { ...NO_POLICY_FILTER, state: 'unconfigured' })), ['images-approved-registries']);
  assert.equal(isUnconfigured(policies[3]!), false);
});

test('order: unconfigured first, then enabled by blocking power, then flagged count, then id', () => {
  assert.deepEqual(ids(sortPolicies(policies)), ['images-approved-registries', 'no-public-lb', 'db-no-replace', 'required-tags', 'iam-no-admin']);
});

test('isFilterActive is false only for the empty filter', () => {
  assert.equal(isFilterActive(NO_POLICY_FILTER), false);
  for (const f of [{ text: 'x' }, { origin: 'own' }, { enforcement: 'deny' }, { severity: 'low' }, { state: 'shadow' }] as const) {
    assert.equal(isFilterActive({ ...NO_POLICY_FILTER, ...f }), true, JSON.stringify(f));
  }
});

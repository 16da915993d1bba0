/**
 * The Fleet preview's table: search, verdict and signature filters, and sorting. A vendor acts
 * on what the filtered list shows, so a filter must never hide a row it should show, and the
 * sort must put the blocked installs first by default.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FleetContractStatusDto, FleetRowDto, Verdict } from '../../electron/shared/api-types';
import { DEFAULT_FLEET_VIEW, fleetRowsShown, fleetTally, sortedBy, topPolicies } from '../../renderer/src/fleet/fleet-rows';
import type { FleetView } from '../../renderer/src/fleet/fleet-rows';

const row = (install: string, over: Partial<FleetRowDto> = {}): FleetRowDto => ({
  install, contractFile: `${install}.yaml`, contractName: install, contractDigest: `sha256:${'0'.repeat(64)}`, contractStatus: 'unsigned',
  contractStatusDetail: '', verdict: 'pass', deny: [], approval: [], findingsByPolicy: {}, configuration: 0, configurationDigest: `sha256:${'1'.repeat(64)}`, ...over,
});

const fleet = [
  row('initech', { verdict: 'needs-approval', approval: ['network-change-approval'], contractStatus: 'signed' }),
  row('acme', { verdict: 'blocked', deny: ['db-no-replace', 'maintenance-window'], approval: ['no-public-ingress'] }),
  row('umbrella', { contractStatus: 'stale' }),
  row('globex', { verdict: 'blocked', deny: ['db-no-replace'], contractStatus: 'bad-signature' }),
];

test('by default the blocked installs come first, then those needing approval; ties by install name', () => {
  assert.deepEqual(fleetRowsShown(fleet, DEFAULT_FLEET_VIEW).map((r) => r.install), ['acme', 'globex', 'initech', 'umbrella']);
});

test('search matches install, contract and policy ids; filters by verdict and signature status', () => {
  const shown = (over: Partial<FleetView>) => fleetRowsShown(fleet, { ...DEFAULT_FLEET_VIEW, ...over }).map((r) => r.install);
  assert.deepEqual(shown({ query: 'DB-NO' }), ['acme', 'globex']);
  assert.deepEqual(shown({ query: 'network' }), ['initech']);
  assert.deepEqual(shown({ verdict: 'pass' }), ['umbrella']);
  assert.deepEqual(shown({ status: 'not-signed' }), ['acme', 'globex', 'umbrella']);
  assert.deepEqual(shown({ status: 'signed' }), ['initech']);
  assert.deepEqual(shown({ sort: 'deny', direction: 'desc' }), ['acme', 'globex', 'initech', 'umbrella']);
  assert.deepEqual(shown({ sort: 'status', direction: 'desc' }), ['globex', 'umbrella', 'acme', 'initech']);
});

test('clicking a column sorts by it worst first; clicking again flips it', () => {
  const byInstall = sortedBy(DEFAULT_FLEET_VIEW, 'install');
  assert.deepEqual([byInstall.sort, byInstall.direction], ['install', 'asc']);
  assert.equal(sortedBy(byInstall, 'install').direction, 'desc');
  assert.deepEqual([sortedBy(byInstall, 'deny').sort, sortedBy(byInstall, 'deny').direction], ['deny', 'desc']);
});

test('top policies: blocking ones first, then approval, with how many more', () => {
  const top = topPolicies(fleet[1]!, 2);
  assert.deepEqual(top.shown, [{ id: 'db-no-replace', kind: 'deny' }, { id: 'maintenance-window', kind: 'deny' }]);
  assert.equal(top.more, 1);
});

const VERDICTS: readonly Verdict[] = ['blocked', 'needs-approval', 'pass'];
const STATUSES: readonly FleetContractStatusDto[] = ['signed', 'unsigned', 'stale', 'bad-signature'];
const arbRow = fc.record({
  install: fc.string({ minLength: 1, maxLength: 8 }), verdict: fc.constantFrom(...VERDICTS), contractStatus: fc.constantFrom(...STATUSES),
  deny: fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }), approval: fc.array(fc.constantFrom('d', 'e'), { maxLength: 2 }),
}).map((r) => row(r.install, r));
const arbView = fc.record({
  query: fc.constantFrom('', 'a', 'x'), verdict: fc.constantFrom('all' as const, ...VERDICTS), status: fc.constantFrom('all' as const, 'not-signed' as const, ...STATUSES),
  sort: fc.constantFrom('install' as const, 'verdict' as const, 'deny' as const, 'approval' as const, 'status' as const), direction: fc.constantFrom('asc' as const, 'desc' as const),
});

// Installs are unique in a matrix (the fleet refuses two contracts for one install).
test('property: the rows shown are exactly the rows the filters admit (none lost, none added), whatever the sort; the tally counts every row once', () => {
  fc.assert(fc.property(fc.uniqueArray(arbRow, { maxLength: 30, selector: (r) => r.install }), arbView, (rows, view) => {
    const shown = fleetRowsShown(rows, view);
    const unsorted = fleetRowsShown(rows, { ...view, sort: 'install', direction: 'asc' });
    assert.deepEqual([...shown].sort((a, b) => (a.install < b.install ? -1 : a.install > b.install ? 1 : 0)), unsorted.sort((a, b) => (a.install < b.install ? -1 : a.install > b.install ? 1 : 0)));
    const all = fleetRowsShown(rows, { ...view, query: '', verdict: 'all', status: 'all' });
    assert.equal(all.length, rows.length);
    for (const r of shown) {
      if (view.verdict !== 'all') assert.equal(r.verdict, view.verdict);
      if (view.status === 'not-signed') assert.notEqual(r.contractStatus, 'signed');
    }
    const t = fleetTally(rows);
    assert.equal(t.blocked + t.needsApproval + t.pass, rows.length);
    assert.equal(t.signed + t.unsigned + t.stale + t.badSignature, rows.length);
  }));
});

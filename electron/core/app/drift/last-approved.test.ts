// The approved change set drift is compared with: the install's latest to reach `approved`.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importChangeSet } from '../change-set-service';
import { tempWorkspace } from '../../testing/store-fixtures';
import { writeApprovedBundle } from '../../testing/drift-fixtures';
import { lastApprovedChangeSet } from './last-approved';

const FIXED = { approvedPassword: 'a', livePassword: 'b', liveToken: 'c' };
const t = tempWorkspace();
after(() => t.cleanup());

async function imported(name: string, install: string, o: { vendor?: string; release?: string } = {}): Promise<string> {
  return (await importChangeSet(t.ws, [writeApprovedBundle(join(t.dir, name), FIXED, install, o)])).digest;
}

describe('lastApprovedChangeSet', () => {
  test('none before an approval; then the latest approved, never a pending or rejected one', async () => {
    const first = await imported('a', 'prod-eu', { release: '1.0.0' });
    assert.equal(lastApprovedChangeSet(t.ws, 'prod-eu'), null);
    t.ws.changeSets.setChangeSetState(first, 'approved');
    const second = await imported('b', 'prod-eu', { release: '1.1.0' });
    assert.equal(lastApprovedChangeSet(t.ws, 'prod-eu')?.digest, first, 'a pending change set is not what runs');
    t.ws.changeSets.setChangeSetState(second, 'approved');
    const got = lastApprovedChangeSet(t.ws, 'prod-eu');
    assert.equal(got?.digest, second);
    assert.equal(got?.changeSet.digest, second, 'rebuilt from the stored files');
    const third = await imported('c', 'prod-eu', { release: '1.2.0' });
    t.ws.changeSets.setChangeSetState(third, 'rejected');
    assert.equal(lastApprovedChangeSet(t.ws, 'prod-eu')?.digest, second);
    assert.equal(lastApprovedChangeSet(t.ws, 'prod-us'), null, 'another install');
  });

  test('an install name two vendors use is refused rather than guessed', async () => {
    const a = await imported('v1', 'shared', { vendor: 'Acme' });
    const b = await imported('v2', 'shared', { vendor: 'Other Corp' });
    t.ws.changeSets.setChangeSetState(a, 'approved');
    t.ws.changeSets.setChangeSetState(b, 'approved');
    assert.throws(() => lastApprovedChangeSet(t.ws, 'shared'), /more than one vendor or app/);
  });
});

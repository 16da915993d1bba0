// A browser-mode app context on the demo workspace whose contract names its signers (tests of
// sign-off rules through the desktop API): the caller's roster, published by its first
// contract-owner, and a second own key added the way older builds allowed (the app refuses it).
// Test support only; the test passes in what lives in core/testing (host may not import it).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ApiResult, Inbox } from '../shared/api-types';
import { callApi, createApiHandlers } from './api-handlers';
import type { ApiHandlers } from './api-handlers';
import { openAppContext } from './app-context';
import type { AppContext } from './app-context';
import type { Workspace } from '../core/store';

export const ROSTER_PASS = 'correct horse battery staple';
const DAY = 86_400_000;

export interface RosterPerson { readonly name: string; readonly email: string; readonly keyId: string; readonly roles: readonly string[]; readonly revoked?: string }

export interface RosteredWorkspace {
  readonly ctx: AppContext;
  readonly api: ApiHandlers;
  /** The blocked demo change set (2.14.0). */
  readonly blocked: string;
  /** The demo contract's text as seeded. */
  readonly demoText: string;
  call<T>(method: Parameters<typeof callApi>[1], input: unknown): Promise<T>;
  /** Makes own keys: the first through the app, the others as legacy rows. */
  keys(names: readonly string[]): Promise<string[]>;
  /** Saves `text` + the roster as a new revision and publishes it, signed by `owner`: the revision number. */
  publish(text: string, roster: readonly RosterPerson[], owner: string): Promise<number>;
}

export interface RosteredWorkspaceSupport {
  /** The repository root (the demo workspace is seeded from it). */
  readonly repoRoot: string;
  /** core/testing's addLegacyReviewerKey. */
  readonly addLegacyReviewerKey: (ws: Workspace, input: { readonly name: string; readonly passphrase: string }) => Promise<{ readonly id: string }>;
}

export async function rosteredWorkspace(dir: string, support: RosteredWorkspaceSupport): Promise<RosteredWorkspace> {
  const { repoRoot, addLegacyReviewerKey } = support;
  const ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: true, demoDir: join(repoRoot, 'electron/demo'), watch: false });
  const api = createApiHandlers(ctx);
  const call = async <T>(method: Parameters<typeof callApi>[1], input: unknown): Promise<T> => {
    const r: ApiResult<unknown> = await callApi(api, method, input);
    assert.ok(r.ok, `${method}: ${JSON.stringify(r)}`);
    return r.value as T;
  };
  const inbox = await call<Inbox>('listInbox', {});
  const blocked = inbox.groups.flatMap((g) => g.items).find((i) => i.release === '2.14.0')!.digest;
  const demoText = (await call<{ text: string }>('getContract', { contract: 'acme-prod-eu' })).text;
  return {
    ctx, api, blocked, demoText, call,
    keys: async (names) => {
      const ids: string[] = [];
      for (const [i, name] of names.entries()) {
        ids.push(i === 0
          ? (await call<{ keyId: string }>('createKey', { name, passphrase: ROSTER_PASS })).keyId
          : (await addLegacyReviewerKey(ctx.ws, { name, passphrase: ROSTER_PASS })).id);
      }
      return ids;
    },
    publish: async (text, roster, owner) => {
      const entries = [];
      for (const p of roster) {
        const pem = (await call<{ pem: string }>('exportPublicKey', { keyId: p.keyId })).pem;
        entries.push({ name: p.name, email: p.email, fingerprint: p.keyId, publicKey: pem, roles: p.roles, ...(p.revoked ? { revoked: p.revoked } : {}) });
      }
      const saved = await call<{ revision: { revision: number } }>('saveContract', { contract: 'acme-prod-eu', text: `${text}roster: ${JSON.stringify(entries)}\n`, comment: 'roster', keyId: owner });
      const n = saved.revision.revision;
      await call('publishContract', { contract: 'acme-prod-eu', revision: n, signers: [{ keyId: owner, passphrase: ROSTER_PASS }], notAfter: new Date(Date.now() + 30 * DAY).toISOString() });
      return n;
    },
  };
}

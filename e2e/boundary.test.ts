// The app boundary in browser mode, over real HTTP against the real host: the token, the
// DNS-rebinding checks, input validation, the exact method list, the CSP, and the app loading
// in Chromium on the seeded demo workspace.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { API_METHODS } from '../electron/shared/api-contract';
import { launchBrowser, openApp, screenshot, startApp } from './harness';
import type { RunningApp } from './harness';

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A request with exactly the headers given (fetch would not let a test forge Host). */
function raw(app: RunningApp, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: app.port, path, method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function apiCall(app: RunningApp, method: string, input: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw(app, `/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

describe('browser-mode boundary', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    await app?.stop();
  });

  test('an API call without the token, or with a wrong one, is refused as a forbidden value', async () => {
    const none = await raw(app, '/api/listInbox', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(none.status, 401);
    assert.equal(JSON.parse(none.body).code, 'forbidden');
    const wrong = await apiCall(app, 'listInbox', {}, { authorization: `Bearer ${app.token.slice(0, -2)}xx` });
    assert.equal(wrong.status, 401);
    assert.deepEqual(Object.keys(JSON.parse(wrong.body)).sort(), ['code', 'message', 'ok']);
    // Unknown methods are not revealed without the token either.
    assert.equal((await raw(app, '/api/nope', { method: 'POST', body: '{}' })).status, 401);
  });

  test('a foreign Host (DNS rebinding) or a foreign Origin is refused, even with the token', async () => {
    const host = await apiCall(app, 'listInbox', {}, { host: `evil.example:${app.port}` });
    assert.equal(host.status, 403);
    assert.match(JSON.parse(host.body).message, /Host/);
    const page = await raw(app, '/', { headers: { host: `attacker.test:${app.port}` } });
    assert.equal(page.status, 403);
    const origin = await apiCall(app, 'listInbox', {}, { origin: 'http://evil.example' });
    assert.equal(origin.status, 403);
    assert.equal(JSON.parse(origin.body).code, 'forbidden');
    const ours = await apiCall(app, 'listInbox', {}, { origin: `http://localhost:${app.port}`, host: `localhost:${app.port}` });
    assert.equal(ours.status, 200);
  });

  test('invalid input answers bad-request naming the field; malformed JSON and wrong content types too', async () => {
    const r = JSON.parse((await apiCall(app, 'getChangeSet', { digest: 'not-a-digest' })).body);
    assert.equal(r.ok, false);
    assert.equal(r.code, 'bad-request');
    assert.match(r.message, /getChangeSet: digest: expected sha256/);
    const extra = JSON.parse((await apiCall(app, 'getResource', { digest: `sha256:${'a'.repeat(64)}`, index: -1 })).body);
    assert.match(extra.message, /index/);
    const notJson = await raw(app, '/api/listInbox', { method: 'POST', headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' }, body: '{' });
    assert.equal(JSON.parse(notJson.body).code, 'bad-request');
    const form = await raw(app, '/api/listInbox', { method: 'POST', headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    assert.equal(form.status, 415);
    const missing = JSON.parse((await apiCall(app, 'getChangeSet', { digest: `sha256:${'0'.repeat(64)}` })).body);
    assert.equal(missing.code, 'not-found');
  });

  test('a request over the size limit is refused with a clear error before it is read', async () => {
    const r = await raw(app, '/api/importFiles', {
      method: 'POST',
      headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json', 'content-length': String(400 * 1024 * 1024) },
    }).catch((err: NodeJS.ErrnoException) => ({ status: -1, headers: {}, body: err.code ?? '' }));
    assert.equal(r.status, 413);
    assert.match(JSON.parse(r.body).message, /over the 300 MB limit/);
  });

  test('every method of the API contract is exposed, and nothing else', async () => {
    for (const method of API_METHODS) {
      const r = await apiCall(app, method, {});
      assert.equal(r.status, 200, method);
      const body = JSON.parse(r.body) as { ok: boolean; code?: string };
      assert.equal(typeof body.ok, 'boolean', method);
      if (!body.ok) assert.notEqual(body.code, 'internal', `${method}: ${r.body}`);
    }
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'invoke', 'ListInbox']) {
      assert.equal((await apiCall(app, name, {})).status, 404, name);
    }
    assert.equal((await raw(app, '/api/listInbox', { headers: { authorization: `Bearer ${app.token}` } })).status, 405);
  });

  test('static files carry the CSP and nosniff; paths outside the renderer are not served', async () => {
    const index = await raw(app, '/');
    assert.equal(index.status, 200);
    const csp = String(index.headers['content-security-policy']);
    for (const part of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "connect-src 'self'"]) {
      assert.ok(csp.includes(part), part);
    }
    assert.ok(!/script-src[^;]*unsafe/.test(csp), 'no unsafe script sources');
    assert.equal(index.headers['x-content-type-options'], 'nosniff');
    const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(index.body)?.[1];
    assert.ok(script, 'index.html loads a script');
    const js = await raw(app, `/${script}`);
    assert.equal(js.status, 200);
    assert.match(String(js.headers['content-type']), /javascript/);
    assert.ok(String(js.headers['content-security-policy']).includes("default-src 'self'"));
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/assets/../../package.json']) {
      assert.equal((await raw(app, path)).status, 404, path);
    }
  });

  test('a restarted host has a new token and port, refuses the old token, and keeps the workspace as it was', async () => {
    const before = await app.call('listInbox', {});
    const old = app;
    app = await old.restart();
    assert.notEqual(app.token, old.token);
    const stale = await apiCall({ ...app, token: old.token } as RunningApp, 'listInbox', {});
    assert.equal(stale.status, 401);
    const afterRestart = await app.call('listInbox', {});
    assert.deepEqual(afterRestart, before, 'nothing seeded twice, nothing lost');
  });

  test('the app loads in Chromium without console errors and the inbox shows the three demo change sets by vendor/install', async () => {
    const browser = await launchBrowser();
    try {
      const { page, consoleErrors } = await openApp(browser, app);
      for (const release of ['2.14.0', '2.13.3', '2.13.2']) {
        await page.getByText(release, { exact: false }).first().waitFor({ timeout: 20_000 });
      }
      await page.getByText('Acme Analytics').first().waitFor();
      await page.getByText('prod-eu').first().waitFor();
      // The token was taken from the URL fragment and the URL cleaned.
      assert.ok(!page.url().includes('token='), page.url());
      await screenshot(page, 'boundary-inbox');
      assert.deepEqual(consoleErrors, []);
    } finally {
      await browser.close();
    }
  });
});

// The PDF renderer: which Chromium it runs, the error without one, and that the page it prints
// fetches nothing (one browser launch in this file).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageInk, pdfText } from '../../testing/pdf-checks';
import { ChromiumNotFound, CHROMIUM_ENV, findChromium, PdfRenderError, renderPdf } from '.';

const tmp = mkdtempSync(join(tmpdir(), 'countersign-find-chromium-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

function executable(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, 0o755);
  return file;
}

describe('findChromium', () => {
  const bin = join(tmp, 'bin');
  const google = executable(bin, 'google-chrome');
  const other = executable(join(tmp, 'other'), 'my-chromium');

  test('--chromium wins over COUNTERSIGN_CHROMIUM, which wins over PATH', () => {
    const env = { PATH: bin, [CHROMIUM_ENV]: other };
    assert.equal(findChromium({ chromium: google, env }), google);
    assert.equal(findChromium({ env }), other);
    assert.equal(findChromium({ env: { PATH: `relative/dir:${bin}` } }), google);
  });

  test('a path given that is not an executable file is refused, never replaced by one on PATH', () => {
    const notExecutable = join(tmp, 'plain');
    writeFileSync(notExecutable, '');
    for (const [search, named] of [
      [{ chromium: join(tmp, 'missing'), env: { PATH: bin } }, '--chromium'],
      [{ chromium: tmp, env: { PATH: bin } }, '--chromium'],
      [{ env: { PATH: bin, [CHROMIUM_ENV]: notExecutable } }, CHROMIUM_ENV],
    ] as const) {
      assert.throws(() => findChromium(search), (err: unknown) => err instanceof ChromiumNotFound && err.code === 'bad-request' && err.message.includes(named) && /--chromium PATH/.test(err.message));
    }
  });

  test('none on PATH (relative PATH entries are not searched): a usage error saying how to point at one', () => {
    executable(join(tmp, 'rel'), 'chromium');
    assert.throws(() => findChromium({ env: { PATH: `${join(tmp, 'empty')}:rel` }, platform: 'linux' }), (err: unknown) =>
      err instanceof ChromiumNotFound && /no Chromium found/.test(err.message) && err.message.includes(`--chromium PATH or ${CHROMIUM_ENV}=PATH`));
  });
});

describe('renderPdf with a browser that fails', () => {
  test('one that exits at once, or never answers: a usage error saying so (never a hang, never a bug report)', async () => {
    const crashing = join(tmp, 'crashing');
    mkdirSync(crashing, { recursive: true });
    writeFileSync(join(crashing, 'chromium'), '#!/bin/sh\necho "libfoo.so: cannot open shared object" >&2\nexit 127\n');
    chmodSync(join(crashing, 'chromium'), 0o755);
    await assert.rejects(renderPdf('<h1>x</h1>', { chromium: join(crashing, 'chromium') }), (err: unknown) =>
      err instanceof PdfRenderError && err.code === 'bad-request' && /exited \(127\) before the PDF was printed: libfoo\.so/.test(err.message));
    const silent = join(tmp, 'silent');
    mkdirSync(silent, { recursive: true });
    writeFileSync(join(silent, 'chromium'), '#!/bin/sh\nexec sleep 30\n');
    chmodSync(join(silent, 'chromium'), 0o755);
    await assert.rejects(renderPdf('<h1>x</h1>', { chromium: join(silent, 'chromium'), timeoutMs: 300 }), (err: unknown) =>
      err instanceof PdfRenderError && /did not print the PDF within/.test(err.message));
  });
});

describe('renderPdf (headless Chromium)', () => {
  test('prints the document, and every request the page makes is refused before it leaves the browser', async () => {
    let hits = 0;
    const server = createServer((_req, res) => { hits++; res.end("x"); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const blocked: string[] = [];
    try {
      // No CSP here: the renderer itself must stop each fetch (image, style, font, script, frame, prefetch).
      const html = `<!doctype html><html><head><link rel="stylesheet" href="${base}/s.css"><link rel="prefetch" href="${base}/p">
<style>@font-face{font-family:x;src:url(${base}/f.woff)} body{font-family:x,sans-serif}</style><script src="${base}/s.js"></script></head>
<body><h1>Printed heading</h1><p>Body text that prints.</p><img src="${base}/i.png"><iframe src="${base}/frame"></iframe></body></html>`;
      const pdf = await renderPdf(html, { onBlockedRequest: (url) => blocked.push(url) });
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const text = pdfText(pdf);
      assert.match(text, /Printed heading/);
      assert.match(text, /Body text that prints\./);
      assert.ok(pageInk(pdf).every((ink) => ink > 0.001), 'no blank page');
      assert.equal(hits, 0, 'the page reached the network');
      assert.ok(blocked.some((u) => u.endsWith('/i.png')) && blocked.some((u) => u.endsWith('/s.css')), `blocked: ${blocked.join(', ')}`);
    } finally {
      server.close();
    }
  });
});

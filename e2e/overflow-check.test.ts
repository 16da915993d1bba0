/**
 * The overflow checker on small pages, one per kind of overflow it must report (and the
 * sideways scrolling it must leave alone), so the layout test's green means something.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './harness';
import { findOverflows } from './overflow-check';

const WIDE = 'x'.repeat(400);

describe('findOverflows', { timeout: 120_000 }, () => {
  let browser: Browser;
  let page: Page;
  before(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 800, height: 600 } })).newPage();
  });
  after(async () => {
    await browser?.close();
  });

  const on = async (body: string): Promise<string[]> => {
    await page.setContent(`<!doctype html><html><head><style>body{margin:0;font:14px monospace}</style></head><body>${body}</body></html>`);
    return findOverflows(page);
  };

  test('a page that fits has no problem', async () => {
    assert.deepEqual(await on('<main style="width:700px"><p>short</p><button>ok</button></main>'), []);
  });

  test('each kind of overflow is reported, naming the element', async () => {
    const cases: readonly { readonly body: string; readonly expect: RegExp }[] = [
      { body: `<div class="wide-row" style="width:1200px">wide</div>`, expect: /page scrolls sideways by 4\d\d px.*div\.wide-row/ },
      { body: `<main class="app-main" style="overflow:auto;width:600px"><div class="too-wide" style="width:900px">x</div></main>`, expect: /main\.app-main.* scrolls sideways by 300 px: widest inside .*div\.too-wide/ },
      { body: `<section class="card" style="width:300px;border:1px solid"><button class="spilling" style="box-sizing:content-box;width:100%;padding:0 9px">Add as test</button></section>`, expect: /button\.spilling "Add as test" spills 2\d px out of its parent section\.card/ },
      { body: `<div style="width:200px;overflow:hidden"><span style="display:flex"><button class="half" style="flex:none;margin-left:150px;width:120px">Approve</button></span></div>`, expect: /button\.half "Approve" is cut off by div/ },
      { body: `<div style="position:absolute;left:700px;width:300px" class="popup" aria-label="Shortcuts">keys</div>`, expect: /div\.popup\[aria-label="Shortcuts"\] "keys" ends 200 px beyond the viewport/ },
      // Behind a zero-size measuring wrapper (recharts' ResponsiveContainer), the card's box still counts.
      { body: `<section class="card" style="width:300px"><div style="width:0;height:0;overflow:visible"><div class="chart-too-wide" style="width:360px;height:20px">c</div></div></section>`, expect: /div\.chart-too-wide "c" spills 60 px out of its parent section\.card/ },
    ];
    for (const c of cases) {
      const problems = await on(c.body);
      assert.ok(problems.some((p) => c.expect.test(p)), `${c.body}\n→ ${problems.join('\n') || '(nothing reported)'}`);
    }
  });

  test('scrolling on purpose, clipped text and hidden elements are not reported', async () => {
    assert.deepEqual(await on(`
      <div class="pem-export" style="width:300px"><pre style="overflow-x:auto">${WIDE}</pre></div>
      <div data-scroll-x style="overflow-x:auto;width:300px"><table><tr><td>${WIDE}</td></tr></table></div>
      <div class="monaco-editor" style="width:300px;overflow:hidden"><div style="width:2000px">code</div></div>
      <p style="width:300px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap">${WIDE}</p>
      <span class="visually-hidden" style="position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)">${WIDE}</span>
      <details><summary>more</summary><div style="width:2000px">${WIDE}</div></details>
      <section style="width:300px"><div style="width:0;height:0;overflow:visible"><div style="width:300px;height:20px">chart</div></div></section>`), []);
  });
});

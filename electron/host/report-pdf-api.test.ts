// The app's audit report PDF and evidence bundle through the API (browser mode: headless
// Chromium, one launch; the desktop app's printer stands in where Electron would print).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkEvidenceSums } from '../core/verify';
import { auditFixture } from '../core/testing/audit-report-fixture';
import type { AuditFixture } from '../core/testing/audit-report-fixture';
import { pageInk, pdfText } from '../core/testing/pdf-checks';
import { callApi, createApiHandlers } from './api-handlers';
import { openAppContext } from './app-context';
import type { AppContext } from './app-context';
import type { AuditReportPdfDto, EvidenceBundleDto } from '../shared/api-types';

let fx: AuditFixture;
let ctx: AppContext;

/** Runs `fn` with no Chromium on PATH and none named. */
async function withoutChromium<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { PATH: process.env.PATH, COUNTERSIGN_CHROMIUM: process.env.COUNTERSIGN_CHROMIUM };
  process.env.PATH = '/nonexistent-bin';
  delete process.env.COUNTERSIGN_CHROMIUM;
  try {
    return await fn();
  } finally {
    process.env.PATH = saved.PATH;
    if (saved.COUNTERSIGN_CHROMIUM !== undefined) process.env.COUNTERSIGN_CHROMIUM = saved.COUNTERSIGN_CHROMIUM;
  }
}

before(async () => {
  fx = await auditFixture();
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: fx.dir, seedDemo: false, demoDir: fx.dir, watch: false });
});
after(() => {
  ctx.ws.close();
  fx.cleanup();
});

describe('audit report PDF and evidence bundle from the app', () => {
  test('browser mode: the PDF comes back for download, printed by headless Chromium', async () => {
    const r = await callApi(createApiHandlers(ctx), 'exportAuditReportPdf', { changeSet: fx.digest });
    assert.ok(r.ok, JSON.stringify(r));
    const dto = r.value as AuditReportPdfDto;
    assert.equal(dto.fileName, `audit-${fx.digest.slice(7, 19)}.pdf`);
    assert.equal(dto.savedAs, null);
    const pdf = Buffer.from(dto.dataBase64!, 'base64');
    assert.equal(dto.bytes, pdf.length);
    const text = pdfText(pdf);
    for (const heading of ['Verdict', 'Findings', 'Exceptions', 'Approvals', 'Audit chain']) assert.ok(text.includes(heading), heading);
    assert.ok(pageInk(pdf).every((ink) => ink > 0.002), 'no blank page');
  });

  test('browser mode without a Chromium: bad-request saying how to point at one; the bundle is written without the PDF', async () => {
    const api = createApiHandlers(ctx);
    const r = await withoutChromium(() => callApi(api, 'exportAuditReportPdf', { changeSet: fx.digest }));
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.code === 'bad-request' && /COUNTERSIGN_CHROMIUM=PATH/.test(r.message), JSON.stringify(r));
    const first = await withoutChromium(() => callApi(api, 'exportEvidenceBundle', { changeSet: fx.digest }));
    assert.ok(first.ok, JSON.stringify(first));
    const bundle = first.value as EvidenceBundleDto;
    assert.equal(bundle.pdf, false);
    assert.match(bundle.note, /No report\.pdf/);
    assert.equal(bundle.dir, join(fx.dir, 'evidence', `audit-${fx.digest.slice(7, 19)}-evidence`));
    assert.match(bundle.verifyCommand, /^countersign verify --evidence .* --changeset CHANGE-SET-BUNDLE --trust OWNER\.pem$/);
    assert.ok(checkEvidenceSums(bundle.dir!).ok);
    const second = await withoutChromium(() => callApi(api, 'exportEvidenceBundle', { changeSet: fx.digest }));
    assert.ok(second.ok);
    assert.equal((second.value as EvidenceBundleDto).dir, `${bundle.dir!}-2`, 'a new folder, never into the first');
  });

  test('desktop app: the host prints with the printer main gives it (printToPDF) and saves where the user chose', async () => {
    const printed: string[] = [];
    const fakePdf = Buffer.from('%PDF-1.7 printed by Electron');
    const saveAs = join(fx.dir, 'chosen.pdf');
    const electronCtx: AppContext = { ...ctx, mode: 'electron', printPdf: async (html) => { printed.push(html); return fakePdf; }, pickSavePath: async () => saveAs };
    const r = await callApi(createApiHandlers(electronCtx), 'exportAuditReportPdf', { changeSet: fx.digest });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal((r.value as AuditReportPdfDto).savedAs, saveAs);
    assert.equal((r.value as AuditReportPdfDto).dataBase64, null);
    assert.deepEqual(readFileSync(saveAs), fakePdf);
    assert.equal(printed.length, 1);
    assert.match(printed[0]!, /Content-Security-Policy/, 'the same self-contained HTML the CLI prints');
    const folder = join(fx.dir, 'chosen-evidence');
    const b = await callApi(createApiHandlers({ ...electronCtx, pickSavePath: async () => folder }), 'exportEvidenceBundle', { changeSet: fx.digest });
    assert.ok(b.ok, JSON.stringify(b));
    assert.equal((b.value as EvidenceBundleDto).pdf, true);
    assert.deepEqual(readFileSync(join(folder, 'report.pdf')), fakePdf);
    assert.ok(readdirSync(folder).includes('SHA256SUMS'));
  });
});

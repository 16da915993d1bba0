// The audit report as a PDF (headless Chromium, one launch): a reader finds its headings in the
// text layer, every page has ink, and no secret planted in the change set reaches the PDF.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importChangeSet, importContract } from '..';
import { initWorkspace } from '../../store';
import { renderPdf } from '../../reports/pdf';
import { pageInk, pdfText } from '../../testing/pdf-checks';
import { PEEK_CONTRACT, plantedBundle, writeBundle } from '../../testing/planted-inputs';
import { assertNoPlanted, PlantedSecrets } from '../../testing/planted-secrets';
import { auditReportHtml, buildChangeSetAuditReport } from '.';

const dir = mkdtempSync(join(tmpdir(), 'countersign-audit-pdf-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('audit report PDF', () => {
  test('headings in the text layer, no blank page, and no planted secret in the text layer or the bytes', async () => {
    const secrets = new PlantedSecrets();
    const ws = initWorkspace(join(dir, 'countersign.db'));
    try {
      writeFileSync(join(dir, 'peek.yaml'), PEEK_CONTRACT);
      importContract(ws, join(dir, 'peek.yaml'), 'test');
      const { digest } = await importChangeSet(ws, [writeBundle(join(dir, 'bundle'), plantedBundle(secrets))]);
      const report = buildChangeSetAuditReport(ws, digest);
      assert.ok(report.changeSets[0]!.findings.length > 0, 'the peek contract quotes the objects in its findings');
      const html = auditReportHtml(ws, report);
      const pdf = await renderPdf(html);
      const text = pdfText(pdf);
      for (const heading of ['Contract', 'Verdict', 'Findings', 'Exceptions', 'Approvals', 'Drift', 'Audit chain', 'How to verify this report offline']) {
        assert.ok(text.includes(heading), `heading '${heading}' missing from the PDF text:\n${text.slice(0, 2000)}`);
      }
      assert.ok(text.includes('Planted Inc'), 'the vendor is named');
      const ink = pageInk(pdf);
      assert.ok(ink.length >= 1);
      ink.forEach((share, i) => assert.ok(share > 0.002, `page ${i + 1} is blank (${share})`));
      assertNoPlanted(secrets, [
        { where: 'audit report HTML', text: html },
        { where: 'audit report PDF text layer', text },
        { where: 'audit report PDF bytes', text: pdf.toString('latin1') },
      ]);
    } finally {
      ws.close();
    }
  });
});

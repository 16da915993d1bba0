import type { BrowserContext, Page } from 'playwright-core';

/** The address the report is served at: nothing else answers, so any other request is the report's own. */
const REPORT_URL = 'https://report.invalid/';

/**
 * An exported HTML audit report opened as an auditor opens it, in a new page of `context`: the
 * document is served at a dead address and every other request it makes is refused and
 * listed in `attempted` (a self-contained report makes none).
 */
export async function openReportOffline(context: BrowserContext, html: string): Promise<{ readonly page: Page; readonly attempted: readonly string[] }> {
  const page = await context.newPage();
  const attempted: string[] = [];
  await page.route('**/*', (route) => {
    if (route.request().url() === REPORT_URL) return route.fulfill({ contentType: 'text/html', body: html });
    attempted.push(route.request().url());
    return route.abort();
  });
  await page.goto(REPORT_URL);
  return { page, attempted };
}

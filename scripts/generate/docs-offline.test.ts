import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { services } from '../../schemas/index.ts';

const root = join(import.meta.dirname, '../..');
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

// Flags that keep Chromium itself from phoning home, so the only requests left are the page's own.
const quiet = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Opens a page from file:// with every other request blocked, and returns what it tried to fetch. */
async function openOffline(browser: Browser, file: string) {
  const page = await browser.newPage();
  const attempted: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) {
      return route.continue();
    }
    attempted.push(url);
    return route.abort();
  });
  page.on('requestfailed', (request) => {
    if (!request.url().startsWith('file:') && !attempted.includes(request.url())) {
      attempted.push(request.url());
    }
  });
  await page.goto(pathToFileURL(join(root, file)).href, { waitUntil: 'load' });
  return { page, attempted };
}

describe.skipIf(!executablePath)('rendered docs work offline (headless Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath, args: quiet });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test.each(services.map((s) => [s.id, s] as const))('%s renders every operation and requests nothing', async (id, service) => {
    const { page, attempted } = await openOffline(browser, `spec/${id}/index.html`);
    for (const op of service.operations) {
      await expect(page.locator(`[data-section-id="operation/${op.operationId}"]`).count(), op.operationId).resolves.toBe(1);
    }
    if (service.mediaTypes.includes('application/xml')) {
      const first = service.operations[0];
      const section = page.locator(`[data-section-id="operation/${first?.operationId}"]`);
      await section.getByText('application/xml').first().click();
      await expect(section.getByText(/<\w+Request>|<\w+Response>/).first().isVisible()).resolves.toBe(true);
    }
    expect(attempted).toEqual([]);
    await page.close();
  });

  test('the docs index links every service and requests nothing', async () => {
    const { page, attempted } = await openOffline(browser, 'spec/index.html');
    const links = await page.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const service of services) {
      expect(links).toContain(`${service.id}/index.html`);
    }
    expect(attempted).toEqual([]);
    await page.close();
  });
});

test.runIf(!executablePath)('rendered docs offline check is skipped: Chromium is not installed (apt-get install chromium)', () => {
  expect(executablePath).toBeUndefined();
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Operation } from '../../schemas/_shared/operation.ts';
import { xmlRootName } from '../../schemas/_shared/xml/index.ts';
import { services } from '../../schemas/index.ts';

const root = join(import.meta.dirname, '../..');
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

// Flags that keep Chromium itself from phoning home, so the only requests left are the page's own.
const quiet = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Opens a page from file:// the way a reader behind a firewall meets it: every request that is not for a
 * local file is aborted and recorded. Requests the page's Content-Security-Policy stops never reach the
 * network, so they are recorded apart.
 */
async function openOffline(browser: Browser, file: string) {
  const page = await browser.newPage();
  const sent: string[] = [];
  const blockedByPolicy: string[] = [];
  await page.route(/^(?!file:|data:|blob:)/, (route) => {
    sent.push(route.request().url());
    return route.abort();
  });
  page.on('requestfailed', (request) => {
    if (request.failure()?.errorText === 'csp') {
      blockedByPolicy.push(request.url());
    }
  });
  await page.goto(pathToFileURL(join(root, file)).href, { waitUntil: 'load' });
  return { page, sent, blockedByPolicy };
}

/** Redoc 3 routes each operation to `#/<tag slug>/<operationid>` and renders it when it is shown. */
async function showOperation(page: Page, op: Operation) {
  const slug = (op.tags[0] ?? '').toLowerCase().replace(/\s+/g, '-');
  const id = op.operationId.toLowerCase();
  await page.evaluate((hash) => {
    // Runs in the page; the Node typings of this project have no DOM.
    (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
  }, `#/${slug}/${id}`);
  const section = page.locator(`[data-section-id="/${slug}/${id}"]`);
  await section.getByText(op.path, { exact: true }).first().waitFor({ timeout: 10_000 });
  return section;
}

describe.skipIf(!executablePath)('rendered docs work offline (headless Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath, args: quiet });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test.each(services.map((s) => [s.id, s] as const))('%s renders every operation and sends no request', async (id, service) => {
    const { page, sent, blockedByPolicy } = await openOffline(browser, `spec/${id}/index.html`);
    for (const op of service.operations) {
      await showOperation(page, op);
    }
    const withXml = service.operations.find((op) => op.request.body);
    if (service.mediaTypes.includes('application/xml') && withXml?.request.body) {
      const section = await showOperation(page, withXml);
      await section.getByText('application/json', { exact: true }).first().click();
      await page.getByText('application/xml', { exact: true }).last().click();
      await section
        .getByText(`<${xmlRootName(withXml.request.body.xmlSchema)}>`)
        .first()
        .waitFor({ timeout: 10_000 });
    }
    expect(sent).toEqual([]);
    // Redoc's CDN logo is the one thing it asks for; the page's policy must be what stopped it.
    expect(blockedByPolicy.every((url) => url.startsWith('https://cdn.redoc.ly/'))).toBe(true);
    await page.close();
  });

  test('the docs index links every service and sends no request', async () => {
    const { page, sent } = await openOffline(browser, 'spec/index.html');
    const links = await page.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const service of services) {
      expect(links).toContain(`${service.id}/index.html`);
    }
    expect(sent).toEqual([]);
    await page.close();
  });
});

test.runIf(!executablePath)('rendered docs offline check is skipped: Chromium is not installed (apt-get install chromium)', () => {
  expect(executablePath).toBeUndefined();
});

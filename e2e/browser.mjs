// Headless Chromium from Debian, driven by playwright-core (no browser download works here).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 1000 },
    // lets the accessibility check inject axe-core past the app's Content-Security-Policy
    bypassCSP: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return context;
}

/** Signs in through the example's guest provider. */
export async function signInAsGuest(page, baseUrl) {
  await page.goto(`${baseUrl}/catalog`);
  const enter = page.getByRole('button', { name: 'Enter' });
  const catalogLink = page
    .getByRole('link', { name: 'Catalog', exact: true })
    .first();
  // the browser context keeps the session, so a later page may already be signed in
  await enter.or(catalogLink).first().waitFor({ timeout: 60_000 });
  if (await enter.isVisible()) await enter.click();
  await catalogLink.waitFor({ timeout: 60_000 });
}

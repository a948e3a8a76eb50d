// The end-to-end checks of the example app. Each check prints "ok: name" or "FAILED: name";
// the process exits non-zero when any check failed. Screenshots go to $E2E_ARTIFACTS.
import path from 'node:path';
import { launch, signInAsGuest } from './browser.mjs';

const baseUrl = process.env.E2E_BASE_URL ?? 'http://localhost:7007';
const artifacts = process.env.E2E_ARTIFACTS ?? 'artifacts/e2e';

const checks = [
  {
    name: 'guest signs in, opens the catalog and finds an example Component',
    async run(page) {
      await signInAsGuest(page, baseUrl);
      await page.goto(`${baseUrl}/catalog?filters[kind]=component&filters[user]=all`);
      const search = page.getByPlaceholder('Search');
      await search.waitFor({ timeout: 60_000 });
      await search.fill('checkout-service');
      await page
        .getByRole('link', { name: 'Checkout Service', exact: true })
        .first()
        .waitFor({ timeout: 60_000 });
    },
  },
  {
    name: 'the catalog lists the example Platforms under their own kind',
    async run(page) {
      await signInAsGuest(page, baseUrl);
      await page.goto(`${baseUrl}/catalog?filters[kind]=platform&filters[user]=all`);
      for (const title of ['Developer Platform', 'Data Platform', 'Observability Platform']) {
        await page.getByRole('link', { name: title, exact: true }).first().waitFor({ timeout: 60_000 });
      }
    },
  },
];

const context = await launch();
let failures = 0;
for (const check of checks) {
  const page = await context.newPage();
  const shot = path.join(artifacts, `${check.name.replace(/[^a-z0-9]+/gi, '-')}.png`);
  try {
    await check.run(page);
    console.log(`ok: ${check.name}`);
  } catch (e) {
    failures++;
    console.log(`FAILED: ${check.name}\n  ${String(e?.message ?? e).split('\n').join('\n  ')}`);
  } finally {
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    await page.close();
  }
}
await context.close();
console.log(`e2e: ${checks.length - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);

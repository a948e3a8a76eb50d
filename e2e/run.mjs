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
      await page.goto(
        `${baseUrl}/catalog?filters[kind]=component&filters[user]=all`,
      );
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
      await page.goto(
        `${baseUrl}/catalog?filters[kind]=platform&filters[user]=all`,
      );
      for (const title of [
        'Developer Platform',
        'Data Platform',
        'Observability Platform',
      ]) {
        await page
          .getByRole('link', { name: title, exact: true })
          .first()
          .waitFor({ timeout: 60_000 });
      }
    },
  },
  {
    name: 'the example backend seeds demo scorecards: a good, a poor and a too-little-data platform',
    async run() {
      const auth = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const token = (await auth.json()).backstageIdentity.token;
      const grade = (platform, metric) =>
        platform.metrics.find(m => m.metric === metric);
      // the demo collector starts 20 s after the backend and writes through the ingestion API
      const deadline = Date.now() + 180_000;
      let byRef;
      for (;;) {
        const res = await fetch(`${baseUrl}/api/scorecard/portfolio`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (res.ok) {
          byRef = new Map(
            (await res.json()).platforms.map(p => [
              p.entityRef.split('/')[1],
              p,
            ]),
          );
          if (
            byRef.get('developer-platform') &&
            grade(byRef.get('developer-platform'), 'leadTime').state === 'ok'
          )
            break;
        }
        if (Date.now() > deadline)
          throw new Error(
            `no demo scorecards after 180 s (last status ${res.status})`,
          );
        await new Promise(r => setTimeout(r, 2000));
      }
      const expect = (what, ok) => {
        if (!ok)
          throw new Error(
            `${what}: ${JSON.stringify(
              [...byRef.values()].map(p => [
                p.entityRef,
                p.metrics.map(m => [m.metric, m.value, m.grade.label]),
              ]),
            )}`,
          );
      };
      const dev = byRef.get('developer-platform');
      const data = byRef.get('data-platform');
      const obs = byRef.get('observability-platform');
      expect(
        'developer platform meets its uptime objective',
        grade(dev, 'uptime').grade.label === 'met',
      );
      expect(
        'developer platform has elite lead time',
        grade(dev, 'leadTime').grade.label === 'elite',
      );
      expect(
        'data platform misses its uptime objective',
        grade(data, 'uptime').grade.label === 'missed',
      );
      expect(
        'data platform has medium or low lead time',
        ['medium', 'low'].includes(grade(data, 'leadTime').grade.label),
      );
      expect(
        'observability platform has too little data',
        grade(obs, 'timeToAcknowledge').state === 'not-enough-data' &&
          grade(obs, 'changeFailureRate').state === 'not-enough-data',
      );
    },
  },
];

const context = await launch();
let failures = 0;
for (const check of checks) {
  const page = await context.newPage();
  const shot = path.join(
    artifacts,
    `${check.name.replace(/[^a-z0-9]+/gi, '-')}.png`,
  );
  try {
    await check.run(page);
    console.log(`ok: ${check.name}`);
  } catch (e) {
    failures++;
    console.log(
      `FAILED: ${check.name}\n  ${String(e?.message ?? e)
        .split('\n')
        .join('\n  ')}`,
    );
  } finally {
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    await page.close();
  }
}
await context.close();
console.log(`e2e: ${checks.length - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);

// What an adopter sees after following the docs, checked in headless Chromium (Debian's, through
// playwright-core): every wait is on a condition, time-boxed generously for a busy machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const WAIT = 120_000; // a page's first load compiles nothing, but the machine may be busy

async function launch() {
  const userDataDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'opmodel-verify-install-'),
  );
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Signs in with create-app's guest provider (both templates show an "Enter" button). */
async function signIn(page, appUrl) {
  await page.goto(appUrl);
  const enter = page.getByRole('button', { name: 'Enter' });
  // a link of the sidebar (each template also renders a hidden copy of it for small screens)
  const signedIn = page.locator('nav a:visible').first();
  await enter.or(signedIn).first().waitFor({ timeout: WAIT });
  if (await enter.isVisible()) {
    await enter.click();
    await signedIn.waitFor({ timeout: WAIT });
  }
  reload = false; // the app is loaded: the next checks navigate inside it
}

/** The entity page's URL in the app (both templates mount entity pages at /catalog/…). */
const entityUrl = (appUrl, kind, name, tab = '') =>
  `${appUrl}/catalog/default/${kind}/${name}${tab}`;

/** A card by its title, which both templates render as the card header's text. */
const cardTitle = (page, title) =>
  page.getByText(title, { exact: true }).first();

/** The scorecard card of an entity, once it has its figures (or says it has no events yet). */
const scorecardOf = (page, entityRef) =>
  page
    .locator(`[aria-label="Scorecard of ${entityRef}"] [data-metric]`)
    .or(page.getByText(`data for ${entityRef} in this window`))
    .first();

let reload = true;

/**
 * Opens a page of the app. After the first load it navigates inside the single-page app (as a
 * click on a link does) instead of loading the whole development bundle again: a load takes
 * about 20 s on a busy 2-core machine. After a failed check the next one loads afresh.
 */
async function go(page, url) {
  const target = new URL(url);
  if (reload || !page.url().startsWith(target.origin)) {
    reload = false;
    await page.goto(url);
    return;
  }
  await page.keyboard.press('Escape'); // a dialog a check left open
  await page.evaluate(to => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, `${target.pathname}${target.search}`);
  await page.waitForURL(url, { timeout: WAIT });
}

export async function browserChecks(opts) {
  const { appUrl, artifacts } = opts;
  const context = await launch();
  const checks = [
    {
      name: 'a guest signs in',
      async run(page) {
        await signIn(page, appUrl);
      },
    },
    {
      name: "the Platform page has the operating-model tab, with the README's role and funding",
      async run(page) {
        await go(page, entityUrl(appUrl, 'platform', 'developer-platform'));
        // a tab in the classic system's header, a link in the new system's
        const tab = page
          .getByRole('tab', { name: 'Operating model' })
          .or(page.getByRole('link', { name: 'Operating model', exact: true }))
          .first();
        await tab.waitFor({ timeout: WAIT });
        await tab.click();
        await page.waitForURL(/\/operating-model$/, { timeout: WAIT });
        const roles = page.getByRole('table', {
          name: 'Roles and who holds them',
        });
        await roles.waitFor({ timeout: WAIT });
        await roles
          .getByText('Platform Product Owner')
          .first()
          .waitFor({ timeout: WAIT });
        await page
          .getByRole('table', { name: 'Funding lines' })
          .getByText('Developer Platform run budget')
          .first()
          .waitFor({ timeout: WAIT });
      },
    },
    {
      name: 'the catalog graph on the Platform page draws the opmodel relations',
      async run(page) {
        await go(page, entityUrl(appUrl, 'platform', 'developer-platform'));
        await cardTitle(page, 'Relations').waitFor({ timeout: WAIT });
        // each opmodel relation of the README's platform, by either of its names
        const expected = [
          ['includes', 'includedIn'], // system:ci-cd
          ['consumesPlatform', 'platformConsumedBy'], // group:checkout
          ['funds', 'fundedBy'], // the funding line
          ['assignsRole', 'roleAssignedIn'], // the operating role
          ['holdsRoleIn', 'hasRoleHolder'], // user:jane
        ];
        const labels = () =>
          page.locator('svg text, svg tspan').allTextContents();
        try {
          await page.waitForFunction(
            pairs => {
              const seen = new Set(
                [...document.querySelectorAll('svg text, svg tspan')].map(e =>
                  e.textContent.trim(),
                ),
              );
              return pairs.every(pair => pair.some(n => seen.has(n)));
            },
            expected,
            { timeout: WAIT },
          );
        } catch (e) {
          const seen = new Set((await labels()).map(t => t.trim()));
          const missing = expected.filter(pair => !pair.some(n => seen.has(n)));
          throw new Error(
            `the graph shows no ${missing
              .map(p => p.join('/'))
              .join(', ')}; its labels: ${[...seen].join(', ')} (${e.message})`,
          );
        }
      },
    },
    {
      name: "the scorecard on the Component's page shows the deployment the README's curl posted",
      requires: 'sent',
      async run(page) {
        await go(page, entityUrl(appUrl, 'component', 'checkout-service'));
        const row = page.locator('[data-metric="deploymentFrequency"]');
        await row.waitFor({ timeout: WAIT });
        await row.getByRole('button').first().click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor({ timeout: WAIT });
        await dialog
          .getByText('run-1', { exact: true })
          .first()
          .waitFor({ timeout: WAIT });
        await dialog
          .getByText('github-actions', { exact: true })
          .first()
          .waitFor({ timeout: WAIT });
      },
    },
    {
      name: 'the OperatingRole page opens on its Role tab',
      async run(page) {
        await go(
          page,
          entityUrl(appUrl, 'operatingrole', 'platform-product-owner', '/role'),
        );
        const raci = page.getByRole('table', {
          name: 'Responsibilities (RACI)',
        });
        await raci.waitFor({ timeout: WAIT });
        await raci.getByText('roadmap').first().waitFor({ timeout: WAIT });
        await page
          .getByRole('table', { name: 'Where the role is held' })
          .getByText('Developer Platform')
          .first()
          .waitFor({ timeout: WAIT });
      },
    },
    {
      name: 'the FundingLine page opens on its Funding tab',
      async run(page) {
        await go(
          page,
          entityUrl(
            appUrl,
            'fundingline',
            'developer-platform-run',
            '/funding',
          ),
        );
        const funded = page.getByRole('table', { name: 'Funded platforms' });
        await funded.waitFor({ timeout: WAIT });
        await funded
          .getByText('Developer Platform')
          .first()
          .waitFor({ timeout: WAIT });
        await funded.getByText('100 %').first().waitFor({ timeout: WAIT });
      },
    },
    {
      name: 'the portfolio opens from its sidebar item',
      async run(page) {
        // from the page the last check left (any page has the sidebar)
        if (reload) await go(page, appUrl);
        const item = page
          .getByRole('link', { name: /Platform portfolio/ })
          .first();
        await item.waitFor({ timeout: WAIT });
        await item.click();
        await page.waitForURL(/\/scorecard/, { timeout: WAIT });
        await page
          .locator('tr[data-platform="platform:default/developer-platform"]')
          .waitFor({ timeout: WAIT });
      },
    },
    {
      name: 'the Group page shows the operating-model and scorecard cards',
      async run(page) {
        await go(page, entityUrl(appUrl, 'group', 'platform-team'));
        await cardTitle(page, 'Operating model').waitFor({ timeout: WAIT });
        await page
          .getByText('Platforms it owns')
          .first()
          .waitFor({ timeout: WAIT });
        await page
          .getByRole('link', { name: 'Developer Platform' })
          .first()
          .waitFor({ timeout: WAIT });
        await scorecardOf(page, 'group:default/platform-team').waitFor({
          timeout: WAIT,
        });
      },
    },
    {
      name: 'the User page shows the roles the user holds',
      async run(page) {
        await go(page, entityUrl(appUrl, 'user', 'jane'));
        await page
          .getByRole('table', { name: 'Operating roles held' })
          .getByText('Platform Product Owner')
          .first()
          .waitFor({ timeout: WAIT });
      },
    },
    {
      name: 'the Component page shows the platforms card and the scorecard',
      async run(page) {
        await go(page, entityUrl(appUrl, 'component', 'checkout-service'));
        await cardTitle(page, 'Part of platforms').waitFor({ timeout: WAIT });
        await scorecardOf(page, 'component:default/checkout-service').waitFor({
          timeout: WAIT,
        });
      },
    },
    {
      name: 'the System page shows the platform that includes it, and the scorecard',
      async run(page) {
        await go(page, entityUrl(appUrl, 'system', 'ci-cd'));
        await page
          .getByRole('list', { name: 'Platforms that include it' })
          .getByText('Developer Platform')
          .first()
          .waitFor({ timeout: WAIT });
        await scorecardOf(page, 'system:default/ci-cd').waitFor({
          timeout: WAIT,
        });
      },
    },
  ];

  let signedIn = true;
  const page = await context.newPage();
  let errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  reload = true;
  for (const check of checks) {
    const label = check.name;
    if (check.requires === 'sent' && !opts.sent) {
      opts.fail(label, new Error('the deployment was not posted'));
      continue;
    }
    if (!signedIn) {
      opts.fail(label, new Error('no guest session'));
      continue;
    }
    errors = [];
    const shot = path.join(
      artifacts,
      `${check.name.replace(/[^a-z0-9]+/gi, '-')}.png`,
    );
    const started = Date.now();
    try {
      await check.run(page);
      opts.ok(`${label} (${Math.round((Date.now() - started) / 1000)} s)`);
    } catch (e) {
      if (check.name === 'a guest signs in') signedIn = false;
      reload = true;
      opts.fail(
        label,
        new Error(
          `${e.message ?? e}${
            errors.length
              ? `\n  page errors: ${errors.slice(0, 3).join(' | ')}`
              : ''
          }\n  screenshot: ${shot}`,
        ),
      );
    } finally {
      await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    }
  }
  await context.close();
}

// The browser checks of the platform as a product: the product metrics on a Platform's
// scorecard, and value for money on FundingLine and Platform pages, as a reader without the
// amounts permission (the guest, in the checkout team) and as one with it (a finance user).

/** How long the demo's survey responses may take to be seeded and read after a start. */
const SEEDED_WITHIN_MS = 180_000;

const scoreText = v => `${v.toFixed(1)} / 5`;

/**
 * Polls `read` until it gives a value, or fails with `what` after `ms`. The demo seeds its events
 * after the catalog has served the entities they name, so the first reads may find none.
 */
async function eventually(what, ms, read) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${ms / 1000} s`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

/** The checks a reader without the amounts permission runs. */
export function productChecks({
  baseUrl,
  guestToken,
  accessible,
  signInAsGuest,
}) {
  const api = async p => {
    const res = await fetch(`${baseUrl}/api/scorecard${p}`, {
      headers: { authorization: `Bearer ${await guestToken()}` },
    });
    return res.ok ? res.json() : undefined;
  };
  const csatOf = async ref =>
    (await api(`/scorecard?entityRef=${ref}`))?.metrics.find(
      m => m.metric === 'csat',
    );
  return [
    {
      name: "a Platform's scorecard tab shows the product metrics as their own group, as the API computes them, and passes axe",
      async run(page) {
        const dev = await eventually(
          'no CSAT for the developer platform from the demo survey',
          SEEDED_WITHIN_MS,
          async () => {
            const m = await csatOf('platform:default/developer-platform');
            return m?.state === 'ok' ? m : undefined;
          },
        );
        const data = await csatOf('platform:default/data-platform');
        const observability = await csatOf(
          'platform:default/observability-platform',
        );
        // the demo's story: one loved, one disliked, one that hears too little
        if (!(data?.state === 'ok' && data.value < dev.value))
          throw new Error(
            `the data platform should be rated below the developer platform: ${JSON.stringify(
              [dev.value, data?.value],
            )}`,
          );
        if (observability?.state !== 'not-enough-data')
          throw new Error(
            `the observability platform should have too few responses: ${JSON.stringify(
              observability,
            )}`,
          );
        await signInAsGuest(page, baseUrl);
        await page.goto(
          `${baseUrl}/catalog/default/platform/developer-platform/scorecard`,
        );
        const group = page.getByRole('group', {
          name: 'The platform as a product',
        });
        const shown = group.locator('[data-metric-value="csat"]');
        await shown.waitFor({ timeout: 60_000 });
        // the page read its scorecard a moment after the API: a response may have come between
        const text = (await shown.textContent()).trim();
        const latest = await csatOf('platform:default/developer-platform');
        if (![scoreText(dev.value), scoreText(latest.value)].includes(text))
          throw new Error(
            `the page shows ${text}, the API says ${scoreText(latest.value)}`,
          );
        for (const metric of ['adoptionShare', 'supportTimeToFirstResponse'])
          await group.locator(`[data-metric="${metric}"]`).waitFor();
        // the responses behind the figure, a click away
        await group
          .getByRole('button', { name: 'Satisfaction (CSAT)' })
          .click();
        await page
          .getByRole('table', {
            name: 'survey responses behind Satisfaction (CSAT)',
          })
          .waitFor({ timeout: 60_000 });
        await page.keyboard.press('Escape');
        await page.waitForFunction(
          () => !document.querySelector('[aria-busy="true"]'),
        );
        await accessible(page, 'the product metrics on the scorecard tab');
      },
    },
    {
      name: 'a FundingLine sets each platform’s share of the money against its share of the consumer teams, without amounts for a user outside finance',
      async run(page) {
        await signInAsGuest(page, baseUrl);
        await page.goto(
          `${baseUrl}/catalog/default/fundingline/developer-platform-run-fy26/funding`,
        );
        const value = page.getByRole('table', { name: 'Value for money' });
        const dev = value.locator(
          '[data-value-platform="platform:default/developer-platform"]',
        );
        await dev
          .getByText(/80 % of the money, [0-9.]+ % of the consumer teams/)
          .waitFor({ timeout: 60_000 });
        await dev.locator('[data-per-team]').getByText('hidden').waitFor();
        const text = await value.innerText();
        if (/€/.test(text))
          throw new Error(
            'an amount is shown to a user without the permission',
          );
        await accessible(page, 'the value for money on the FundingLine page');
      },
    },
  ];
}

/** The checks a finance user (allowed opmodel.funding.amounts.read) runs. */
export function financeChecks({ baseUrl, signInAsGuest, accessible }) {
  return [
    {
      name: 'a finance user sees each funded platform’s cost per consumer team on a FundingLine',
      async run(page) {
        await signInAsGuest(page, baseUrl);
        await page.goto(
          `${baseUrl}/catalog/default/fundingline/developer-platform-run-fy26/funding`,
        );
        // the amounts themselves, which the guest never sees
        await page
          .getByRole('table', { name: 'Funded platforms' })
          .getByText('€960,000')
          .waitFor({ timeout: 60_000 });
        const perTeam = page
          .getByRole('table', { name: 'Value for money' })
          .locator(
            '[data-value-platform="platform:default/developer-platform"] [data-per-team]',
          );
        await perTeam.getByText(/^€[0-9,]+$/).waitFor({ timeout: 120_000 });
        await accessible(page, 'the FundingLine page with amounts');
      },
    },
    {
      name: "a finance user sees a Platform's funding a year and its cost per consumer team on its operating-model tab",
      async run(page) {
        await signInAsGuest(page, baseUrl);
        await page.goto(
          `${baseUrl}/catalog/default/platform/developer-platform/operating-model`,
        );
        const perTeam = page.locator('[data-per-team]');
        await perTeam
          .getByText(/^€[0-9,]+ a year$/)
          .waitFor({ timeout: 120_000 });
        await page
          .getByText(/^€[0-9,]+ a year$/)
          .first()
          .waitFor();
        await accessible(page, "the Platform's value for money with amounts");
      },
    },
  ];
}

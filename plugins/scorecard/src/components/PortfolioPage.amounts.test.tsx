import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  CATALOG,
  FUNDING_LINE,
  PORTFOLIO,
  render,
  serve,
} from '../__testUtils__/renderPortfolioPage';
import { BASE } from '../testing/fixtures';

/*
 * Funding amounts on the portfolio, for a user with opmodel.funding.amounts.read. A file of its
 * own: the permission's answer is cached for the file's tests, and the others are without it.
 */

const server = setupServer();
registerMswTestHooks(server);

describe('PortfolioPage with the amounts permission', () => {
  it('adds the platform’s part of the period’s amount for a user who may read amounts', async () => {
    serve(server, PORTFOLIO, 200, {
      catalog: [
        ...CATALOG,
        {
          apiVersion: 'opmodel.dev/v1alpha1',
          kind: 'Platform',
          metadata: { name: 'data-platform', namespace: 'default' },
          spec: { owner: 'group:default/data-team', lifecycle: 'production' },
          relations: [
            {
              type: 'fundedBy',
              targetRef: 'fundingline:default/platform-run-2026',
            },
          ],
        },
        FUNDING_LINE,
      ],
      adoptions: [
        {
          entityRef: 'platform:default/developer-platform',
          computedAt: '2026-11-28T00:00:00Z',
          consumers: 6,
          consumingEntities: 9,
          streamAligned: { consuming: 5, total: 6, share: 5 / 6 },
        },
        {
          entityRef: 'platform:default/data-platform',
          computedAt: '2026-11-28T00:00:00Z',
          consumers: 2,
          consumingEntities: 2,
          streamAligned: { consuming: 2, total: 6, share: 2 / 6 },
        },
      ],
    });
    const asked: unknown[] = [];
    server.use(
      http.post(
        `${BASE}/opmodel/funding/amounts/by-refs`,
        async ({ request }) => {
          asked.push(await request.json());
          return HttpResponse.json({
            items: [
              {
                entityRef: 'fundingline:default/platform-run-2026',
                currency: 'EUR',
                periods: [
                  { start: '2026-01-01', end: '2027-01-01', amount: 600_000 },
                ],
              },
            ],
          });
        },
      ),
    );
    await render('/portfolio?columns=adoption,funding,value', {
      mayReadAmounts: true,
    });
    const dev = (await screen.findByText('developer platform')).closest('tr')!;
    expect(
      await within(dev).findByText('Platform run 2026 (60 %, €360,000)'),
    ).toBeInTheDocument();
    expect(asked).toEqual([
      { entityRefs: ['fundingline:default/platform-run-2026'] },
    ]);
    // its consumer teams, and what its money buys set against the data platform's
    expect(
      dev.querySelector(
        '[data-adoption="platform:default/developer-platform"]',
      ),
    ).toHaveTextContent('6 teams5 of 6 stream-aligned (83.3 %)');
    const value = dev.querySelector(
      '[data-value="platform:default/developer-platform"]',
    )!;
    expect(value).toHaveTextContent('€360,000 in the period');
    expect(value).toHaveTextContent('€60,000 per team');
    expect(value).toHaveTextContent('€40,000 per consuming component');
    // the data platform's 40 % of the line for 25 % of the teams
    const data = screen.getByText('data platform').closest('tr')!;
    expect(
      data.querySelector('[data-value="platform:default/data-platform"]'),
    ).toHaveTextContent('€240,000 in the period€120,000 per team');
    expect(value).toHaveTextContent('60 % of funding · 75 % of consumer teams');
    expect(value.querySelector('[data-parted]')).toBeNull();
  });
});

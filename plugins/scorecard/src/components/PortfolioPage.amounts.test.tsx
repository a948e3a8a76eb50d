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
    serve(server, PORTFOLIO, 200, { catalog: [...CATALOG, FUNDING_LINE] });
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
    await render('/portfolio?columns=funding', { mayReadAmounts: true });
    const dev = (await screen.findByText('developer platform')).closest('tr')!;
    expect(
      await within(dev).findByText('Platform run 2026 (60 %, €360,000)'),
    ).toBeInTheDocument();
    expect(asked).toEqual([
      { entityRefs: ['fundingline:default/platform-run-2026'] },
    ]);
  });
});

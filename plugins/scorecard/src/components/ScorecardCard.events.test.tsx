import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BASE, metric, platformRef, scorecard } from '../testing/fixtures';
import {
  noCoverage,
  renderScorecardCard,
  trends,
} from '../__testUtils__/renderScorecardCard';

/*
 * The events behind a metric, in a dialog the metric's name opens.
 */

const server = setupServer();
registerMswTestHooks(server);

describe('ScorecardCard', () => {
  beforeEach(() => server.use(noCoverage));

  it('opens the events behind a metric, newest first, linking to their source', async () => {
    const asked: URL[] = [];
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(
          scorecard(platformRef, [metric('leadTime', { value: 3_600_000 })]),
        ),
      ),
      trends,
      http.get(`${BASE}/scorecard/events`, ({ request }) => {
        asked.push(new URL(request.url));
        return HttpResponse.json({
          entityRef: platformRef,
          type: 'deployment',
          events: [
            {
              source: 'github-actions',
              id: 'run-2',
              entityRef: 'component:default/checkout-service',
              environment: 'production',
              result: 'failure',
              finishedAt: Date.parse('2026-11-21T10:00:00Z'),
              url: 'https://ci.example.com/run-2',
            },
            {
              source: 'github-actions',
              id: 'run-1',
              entityRef: 'component:default/checkout-service',
              environment: 'production',
              result: 'success',
              finishedAt: Date.parse('2026-11-20T10:00:00Z'),
              url: null,
            },
          ],
        });
      }),
    );
    await renderScorecardCard();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Lead time for changes' }),
    );
    const dialog = await screen.findByRole('dialog');
    const table = await within(dialog).findByRole('table', {
      name: 'deployments behind Lead time for changes',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      expect.stringContaining('2026-11-21T10:00:00Z'),
      expect.stringContaining('2026-11-20T10:00:00Z'),
    ]);
    expect(
      within(rows[0]).getByRole('link', { name: /^run-2/ }),
    ).toHaveAttribute('href', 'https://ci.example.com/run-2');
    expect(asked[0].searchParams.get('type')).toBe('deployment');
    expect(asked[0].searchParams.get('entityRef')).toBe(platformRef);
  });
});

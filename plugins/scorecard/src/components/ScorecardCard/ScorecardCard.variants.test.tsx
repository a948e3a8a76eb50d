import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BASE, metric, platformRef, scorecard } from '../../testing/fixtures';
import { renderScorecardCard } from '../../__testUtils__/renderScorecardCard';

/*
 * The compact card (the overview at a third of the page) and metrics the card has no heading for.
 */

const server = setupServer();
registerMswTestHooks(server);

describe('ScorecardCard', () => {
  it('compact: figures, grades and targets only, and a link to the entity’s scorecard tab', async () => {
    const asked: string[] = [];
    server.events.on('request:start', ({ request }) => {
      asked.push(new URL(request.url).pathname);
    });
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(
          scorecard(platformRef, [
            metric('uptime', { value: 0.9995 }),
            metric('deploymentFrequency', { value: 3.5 }),
          ]),
        ),
      ),
    );
    await renderScorecardCard({
      variant: 'compact',
      fullScorecardPath: 'scorecard',
    });
    const uptime = await screen.findByRole('group', { name: 'Uptime' });
    expect(within(uptime).getByText('99.95 %')).toBeInTheDocument();
    expect(within(uptime).getByText('met')).toBeInTheDocument();
    expect(within(uptime).getByText('target ≥ 40 %')).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('group', { name: 'Deployment frequency' }),
      ).getByText('3.5 / week'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Trends, details and sources' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/platform/developer-platform/scorecard',
    );
    // neither trends nor sources are asked for
    expect(screen.queryByRole('img', { name: /daily trend/ })).toBeNull();
    expect(asked).toEqual(['/api/scorecard/scorecard']);
  });

  it('shows a metric it has no heading for under Other, never hiding it', async () => {
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(
          scorecard(platformRef, [
            metric('uptime', { value: 0.9995 }),
            {
              ...metric('deploymentFrequency', { value: 2 }),
              metric: 'consumerSatisfaction' as any,
            },
          ]),
        ),
      ),
      http.get(`${BASE}/scorecard/trends`, () =>
        HttpResponse.json({ trends: {} }),
      ),
      http.get(`${BASE}/scorecard/coverage`, () =>
        HttpResponse.json({ entityRef: platformRef, sources: [] }),
      ),
    );
    await renderScorecardCard();
    const other = await screen.findByRole('group', { name: 'Other' });
    expect(
      within(other).getByRole('group', { name: 'consumerSatisfaction' }),
    ).toHaveTextContent('2 / week');
  });
});

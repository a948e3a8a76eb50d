import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BASE, metric, platformRef, scorecard } from '../../testing/fixtures';
import { formatDateTime } from '../format';
import {
  noCoverage,
  renderScorecardCard,
  trends,
} from '../../__testUtils__/renderScorecardCard';

/*
 * The card's sources: which collector reads which member, and why one could not.
 */

const server = setupServer();
registerMswTestHooks(server);

describe('ScorecardCard', () => {
  beforeEach(() => server.use(noCoverage));

  it('names the sources that feed the scorecard, and why one could not read a member', async () => {
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(
          scorecard(platformRef, [metric('uptime', { value: 1 })]),
        ),
      ),
      trends,
      http.get(`${BASE}/scorecard/coverage`, () =>
        HttpResponse.json({
          entityRef: platformRef,
          sources: [
            {
              collector: 'github',
              source: 'github',
              entityRef: 'component:default/cart',
              writes: ['deployments'],
              lastRunAt: '2026-11-28T10:00:00.000Z',
              lastWrittenAt: '2026-11-28T09:00:00.000Z',
              lastWrittenCount: 3,
            },
            {
              collector: 'pagerduty',
              source: 'pagerduty',
              entityRef: 'component:default/payments',
              lastRunAt: '2026-11-28T10:00:00.000Z',
              lastError:
                'PagerDuty service PABC123 not found with the configured token',
            },
          ],
        }),
      ),
    );
    await renderScorecardCard();
    const sources = await screen.findByRole('table', {
      name: `Sources of ${platformRef}`,
    });
    const github = within(sources)
      .getByText('component:default/cart')
      .closest('tr')!;
    expect(
      within(github as HTMLElement).getByText('github'),
    ).toBeInTheDocument();
    // what kind of events the source brings
    expect(
      within(github as HTMLElement).getByText('deployments'),
    ).toBeInTheDocument();
    // when it last wrote, in the reader's locale and time zone; the exact time on hover
    const wrote = within(github as HTMLElement).getByText(
      formatDateTime('2026-11-28T09:00:00.000Z'),
    );
    expect(wrote.tagName).toBe('TIME');
    expect(wrote).toHaveAttribute('title', '2026-11-28T09:00:00.000Z');
    expect(wrote).toHaveAttribute('dateTime', '2026-11-28T09:00:00.000Z');
    expect(
      within(sources).getByText(
        'PagerDuty service PABC123 not found with the configured token',
      ),
    ).toBeInTheDocument();
  });

  it('says when no collector reads the entity', async () => {
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(
          scorecard(platformRef, [metric('uptime', { value: 1 })]),
        ),
      ),
      trends,
    );
    await renderScorecardCard();
    expect(
      await screen.findByText(/No collector reads this entity's data/),
    ).toBeInTheDocument();
  });
});

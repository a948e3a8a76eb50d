import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BASE, metric, platformRef, scorecard } from '../testing/fixtures';
import { formatCount } from './format';
import {
  DAY,
  noCoverage,
  renderScorecardCard,
  trends,
} from '../__testUtils__/renderScorecardCard';

/*
 * The card's table of metrics: each figure with its unit, grade, rule, data points and trend,
 * for the window the reader picks.
 */

const server = setupServer();
registerMswTestHooks(server);

describe('ScorecardCard', () => {
  beforeEach(() => server.use(noCoverage));

  it('shows each metric with value, unit, grade in words, the rule, data points and a trend', async () => {
    const requests: URL[] = [];
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, ({ request }) => {
        requests.push(new URL(request.url));
        return HttpResponse.json(
          scorecard(platformRef, [
            metric('uptime', { value: 0.9995 }),
            metric('leadTime', {
              value: 3 * 3_600_000,
              p50: 3 * 3_600_000,
              p90: 2 * DAY,
              grade: {
                status: 'warning',
                label: 'high',
                rule: {
                  source: 'profile',
                  profile: 'dora-2024',
                  threshold: DAY,
                  better: 'lower',
                  description: 'DORA 2024',
                },
              },
            }),
            metric('changeFailureRate', {
              value: 0.25,
              grade: {
                status: 'poor',
                label: 'missed',
                rule: {
                  source: 'config',
                  threshold: 0.15,
                  better: 'lower',
                  description: 'config',
                },
              },
            }),
          ]),
        );
      }),
      trends,
    );
    const trendRequests: URL[] = [];
    const countTrends = ({ request }: { request: Request }) => {
      const url = new URL(request.url);
      if (url.pathname.includes('/trend')) trendRequests.push(url);
    };
    server.events.on('request:start', countTrends);
    await renderScorecardCard();

    const uptime = await screen.findByText('99.95 %');
    const uptimeRow = uptime.closest('tr')!;
    expect(within(uptimeRow).getByText('Uptime')).toBeInTheDocument();
    expect(within(uptimeRow).getByText('met')).toBeInTheDocument();
    expect(
      within(uptimeRow).getByText('≥ 40 % (the entity’s objective)'),
    ).toBeInTheDocument();
    expect(within(uptimeRow).getByText('12')).toBeInTheDocument();

    const leadRow = screen.getByText('3 h').closest('tr')!;
    expect(within(leadRow).getByText('median; p90 2 days')).toBeInTheDocument();
    expect(within(leadRow).getByText('high')).toBeInTheDocument();
    expect(
      within(leadRow).getByText('≤ 1 day (profile dora-2024)'),
    ).toBeInTheDocument();

    const cfrRow = screen.getByText('25 %').closest('tr')!;
    // the grade is text and an icon, not a colour alone
    expect(within(cfrRow).getByText('missed')).toBeInTheDocument();
    expect(cfrRow.querySelector('[data-grade="poor"] svg')).not.toBeNull();
    expect(
      within(cfrRow).getByText('≤ 15 % (the app-config default)'),
    ).toBeInTheDocument();

    await waitFor(() =>
      expect(screen.getAllByRole('img', { name: /daily trend/ })).toHaveLength(
        3,
      ),
    );
    // every metric's trend came from one request, for the card's window
    server.events.removeListener('request:start', countTrends);
    expect(trendRequests.map(u => u.pathname)).toEqual([
      '/api/scorecard/trends',
    ]);
    expect(trendRequests[0].searchParams.get('from')).toBe(
      requests[0].searchParams.get('from'),
    );
    // the default window is the last 28 days
    const asked = requests[0];
    expect(asked.searchParams.get('entityRef')).toBe(platformRef);
    expect(
      Date.parse(asked.searchParams.get('to')!) -
        Date.parse(asked.searchParams.get('from')!),
    ).toBe(28 * DAY);
  });

  it('reads an overspent error budget as exhausted, and counts with thousands separators', async () => {
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(
          scorecard(platformRef, [
            metric('uptime', { value: 0.9971, count: 359_640 }),
            metric('errorBudgetRemaining', {
              value: -1.885,
              count: 1,
              grade: {
                status: 'poor',
                label: 'missed',
                rule: {
                  source: 'config',
                  threshold: 0,
                  better: 'higher',
                  description: 'config',
                },
              },
            }),
            metric('timeToResolve', {
              state: 'not-enough-data',
              value: null,
              count: 1_999,
              minimumCount: 2_500,
              grade: {
                status: 'none',
                label: 'not enough data',
                rule: { source: 'none', description: 'not enough data' },
              },
            }),
          ]),
        ),
      ),
      trends,
    );
    await renderScorecardCard();
    const budget = await screen.findByText('exhausted, 188.5 % over');
    const budgetRow = budget.closest('tr')!;
    expect(
      within(budgetRow).getByText('Error budget left'),
    ).toBeInTheDocument();
    expect(within(budgetRow).queryByText(/-188/)).toBeNull();
    expect(within(budgetRow).getByText('missed')).toBeInTheDocument();

    const uptimeRow = screen.getByText('99.71 %').closest('tr')!;
    const count = uptimeRow.querySelector('[data-metric-count="uptime"]');
    expect(count).toHaveTextContent(formatCount(359_640));
    expect(count).not.toHaveTextContent('359640');
    // grouped, whichever the machine's locale: 359,640 in English, 359.640 in German
    expect(count!.textContent).toMatch(/^359\D+640$/);

    const ttrRow = screen.getByText('Time to resolve').closest('tr')!;
    expect(
      within(ttrRow).getByText(
        `${formatCount(1_999)} of ${formatCount(2_500)} needed`,
      ),
    ).toBeInTheDocument();
  });

  it('asks for the window the reader picks', async () => {
    const spans: number[] = [];
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, ({ request }) => {
        const url = new URL(request.url);
        spans.push(
          (Date.parse(url.searchParams.get('to')!) -
            Date.parse(url.searchParams.get('from')!)) /
            DAY,
        );
        return HttpResponse.json(scorecard(platformRef, [metric('uptime')]));
      }),
      trends,
    );
    await renderScorecardCard();
    await screen.findByText('50 %');
    await userEvent.selectOptions(screen.getByLabelText('Window'), '90');
    await waitFor(() => expect(spans).toEqual([28, 90]));
  });

  it('says how much data is missing when there is not enough', async () => {
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(
          scorecard(platformRef, [
            metric('uptime', { value: 1 }),
            metric('timeToAcknowledge', {
              state: 'not-enough-data',
              value: null,
              count: 2,
              minimumCount: 5,
              grade: {
                status: 'none',
                label: 'not enough data',
                rule: {
                  source: 'none',
                  description: 'needs at least 5 data points',
                },
              },
            }),
          ]),
        ),
      ),
      trends,
    );
    await renderScorecardCard();
    const row = (await screen.findByText('Time to acknowledge')).closest('tr')!;
    expect(within(row).getAllByText('not enough data')).toHaveLength(2);
    expect(within(row).getByText('2 of 5 needed')).toBeInTheDocument();
    expect(
      within(row).getByText('needs at least 5 data points'),
    ).toBeInTheDocument();
  });
});

import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BASE, metric, platformRef, scorecard } from '../../testing/fixtures';
import { formatCount } from '../format';
import {
  DAY,
  noCoverage,
  renderScorecardCard,
  trends,
} from '../../__testUtils__/renderScorecardCard';

/*
 * The card's metric tiles: each figure with its unit, grade, target and trend, the details behind it,
 * for the window the reader picks.
 */

const server = setupServer();
registerMswTestHooks(server);

describe('ScorecardCard', () => {
  beforeEach(() => server.use(noCoverage));

  it('shows each metric as a tile under its heading: value, grade in words, target and trend, with the details one click away', async () => {
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

    // grouped under their headings, in reading order
    const groups = await screen.findAllByRole('group', {
      name: /^(Availability|Delivery|Incident response)$/,
    });
    expect(groups.map(g => g.getAttribute('aria-label'))).toEqual([
      'Availability',
      'Delivery',
    ]);

    const uptimeTile = screen.getByRole('group', { name: 'Uptime' });
    expect(within(groups[0]).getByText('99.95 %')).toBe(
      within(uptimeTile).getByText('99.95 %'),
    );
    expect(within(uptimeTile).getByText('met')).toBeInTheDocument();
    expect(
      within(uptimeTile).getByText('target ≥ 40 %', { selector: 'span' }),
    ).toBeInTheDocument();
    // the details are one click away: data points, what graded it, the definition version
    expect(within(uptimeTile).queryByText('Data points')).toBeNull();
    await userEvent.click(
      within(uptimeTile).getByRole('button', { name: 'Details' }),
    );
    expect(
      within(uptimeTile).getByRole('button', { name: 'Details' }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(within(uptimeTile).getByText('Data points')).toBeInTheDocument();
    expect(
      uptimeTile.querySelector('[data-metric-count="uptime"]'),
    ).toHaveTextContent('12');
    expect(
      within(uptimeTile).getByText('≥ 40 %, the entity’s objective'),
    ).toBeInTheDocument();
    expect(within(uptimeTile).getByText('v1')).toBeInTheDocument();

    const leadTile = screen.getByRole('group', {
      name: 'Lead time for changes',
    });
    expect(within(leadTile).getByText('3 h')).toBeInTheDocument();
    expect(
      within(leadTile).getByText('median · target ≤ 1 day', {
        selector: 'span',
      }),
    ).toBeInTheDocument();
    expect(within(leadTile).getByText('high')).toBeInTheDocument();
    await userEvent.click(
      within(leadTile).getByRole('button', { name: 'Details' }),
    );
    expect(within(leadTile).getByText('p90')).toBeInTheDocument();
    expect(within(leadTile).getByText('2 days')).toBeInTheDocument();
    // the rule in short; its full wording on demand
    expect(
      within(leadTile).getByText('≤ 1 day, profile dora-2024'),
    ).toBeInTheDocument();
    await userEvent.hover(
      within(leadTile).getByRole('button', {
        name: 'Where the rule for Lead time for changes comes from',
      }),
    );
    expect(await screen.findByRole('tooltip')).toHaveTextContent('DORA 2024');

    const cfrTile = screen.getByRole('group', { name: 'Change failure rate' });
    expect(within(cfrTile).getByText('25 %')).toBeInTheDocument();
    // the grade is text and an icon, not a colour alone
    expect(within(cfrTile).getByText('missed')).toBeInTheDocument();
    expect(cfrTile.querySelector('[data-grade="poor"] svg')).not.toBeNull();
    expect(
      within(cfrTile).getByText('target ≤ 15 %', { selector: 'span' }),
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
    const budgetTile = budget.closest('[data-metric]')!;
    expect(budgetTile).toHaveAttribute('data-metric', 'errorBudgetRemaining');
    expect(budgetTile).not.toHaveTextContent(/-188/);
    expect(
      within(budgetTile as HTMLElement).getByText('missed'),
    ).toBeInTheDocument();

    const uptimeTile = screen.getByRole('group', { name: 'Uptime' });
    await userEvent.click(
      within(uptimeTile).getByRole('button', { name: 'Details' }),
    );
    const count = uptimeTile.querySelector('[data-metric-count="uptime"]');
    expect(count).toHaveTextContent(formatCount(359_640));
    expect(count).not.toHaveTextContent('359640');
    // grouped, whichever the machine's locale: 359,640 in English, 359.640 in German
    expect(count!.textContent).toMatch(/^359\D+640$/);

    const ttrTile = screen.getByRole('group', { name: 'Time to resolve' });
    expect(
      within(ttrTile).getByText(
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
    const tile = await screen.findByRole('group', {
      name: 'Time to acknowledge',
    });
    // the figure and the grade both say so; never a zero
    expect(within(tile).getAllByText('not enough data')).toHaveLength(2);
    expect(tile.querySelector('[data-metric-value]')).toBeNull();
    expect(within(tile).getByText('2 of 5 needed')).toBeInTheDocument();
    await userEvent.click(
      within(tile).getByRole('button', { name: 'Details' }),
    );
    expect(
      within(tile).getByText('needs at least 5 data points'),
    ).toBeInTheDocument();
  });
});

import { EntityProvider } from '@backstage/plugin-catalog-react';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { METRIC_IDS, ScorecardClient } from '@opmodel/plugin-scorecard-common';
import { scorecardApiRef } from '../api';
import { BASE, metric, scorecard } from '../testing/fixtures';
import { ScorecardCard } from './ScorecardCard';

const entity = {
  apiVersion: 'opmodel.dev/v1alpha1',
  kind: 'Platform',
  metadata: { name: 'developer-platform', namespace: 'default' },
  spec: {},
};
const ref = 'platform:default/developer-platform';
const DAY = 86_400_000;

const server = setupServer();
registerMswTestHooks(server);

// the real client, over the real fetch, against MSW's HTTP layer
const client = new ScorecardClient({
  discoveryApi: { getBaseUrl: async id => `${BASE}/${id}` },
  fetchApi: { fetch: (...args) => fetch(...args) },
});

function render() {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [scorecardApiRef, client],
        [
          discoveryApiRef,
          { getBaseUrl: async (id: string) => `${BASE}/${id}` },
        ],
        [fetchApiRef, { fetch }],
      ]}
    >
      <EntityProvider entity={entity}>
        <ScorecardCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

/** Serves a trend of a few days for every asked metric, in one response; one sparkline each. */
const trends = http.get(`${BASE}/scorecard/trends`, ({ request }) => {
  const url = new URL(request.url);
  const metrics = url.searchParams.get('metrics')?.split(',') ?? METRIC_IDS;
  return HttpResponse.json({
    entityRef: url.searchParams.get('entityRef'),
    window: {
      from: url.searchParams.get('from'),
      to: url.searchParams.get('to'),
    },
    trends: Object.fromEntries(
      metrics.map(id => [
        id,
        [1, 2, 3].map(d => ({
          day: `2026-11-0${d}`,
          value: d / 10,
          state: 'ok',
          grade: 'good',
          definitionVersion: 1,
        })),
      ]),
    ),
    frozen: [],
  });
});

/** No collector reads the entity: what most tests need, since the card always asks. */
const noCoverage = http.get(`${BASE}/scorecard/coverage`, ({ request }) =>
  HttpResponse.json({
    entityRef: new URL(request.url).searchParams.get('entityRef'),
    sources: [],
  }),
);

describe('ScorecardCard', () => {
  beforeEach(() => server.use(noCoverage));

  it('names the sources that feed the scorecard, and why one could not read a member', async () => {
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(scorecard(ref, [metric('uptime', { value: 1 })])),
      ),
      trends,
      http.get(`${BASE}/scorecard/coverage`, () =>
        HttpResponse.json({
          entityRef: ref,
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
    await render();
    const sources = await screen.findByRole('table', {
      name: `Sources of ${ref}`,
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
    expect(
      within(github as HTMLElement).getByText(
        new Date('2026-11-28T09:00:00.000Z').toLocaleString(),
      ),
    ).toHaveAttribute('title', '2026-11-28T09:00:00.000Z');
    expect(
      within(sources).getByText(
        'PagerDuty service PABC123 not found with the configured token',
      ),
    ).toBeInTheDocument();
  });

  it('says when no collector reads the entity', async () => {
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(scorecard(ref, [metric('uptime', { value: 1 })])),
      ),
      trends,
    );
    await render();
    expect(
      await screen.findByText(/No collector reads this entity's data/),
    ).toBeInTheDocument();
  });

  it('shows each metric with value, unit, grade in words, the rule, data points and a trend', async () => {
    const requests: URL[] = [];
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, ({ request }) => {
        requests.push(new URL(request.url));
        return HttpResponse.json(
          scorecard(ref, [
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
    await render();

    const uptime = await screen.findByText('99.95 %');
    const uptimeRow = uptime.closest('tr')!;
    expect(within(uptimeRow).getByText('Uptime')).toBeInTheDocument();
    expect(within(uptimeRow).getByText('met')).toBeInTheDocument();
    expect(
      within(uptimeRow).getByText('≥ 40 % (the entity’s objective)'),
    ).toBeInTheDocument();
    expect(within(uptimeRow).getByText('12')).toBeInTheDocument();

    const leadRow = screen.getByText('3 h').closest('tr')!;
    expect(
      within(leadRow).getByText('median; p90 2.0 days'),
    ).toBeInTheDocument();
    expect(within(leadRow).getByText('high')).toBeInTheDocument();
    expect(
      within(leadRow).getByText('≤ 1.0 days (profile dora-2024)'),
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
    expect(asked.searchParams.get('entityRef')).toBe(ref);
    expect(
      Date.parse(asked.searchParams.get('to')!) -
        Date.parse(asked.searchParams.get('from')!),
    ).toBe(28 * DAY);
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
        return HttpResponse.json(scorecard(ref, [metric('uptime')]));
      }),
      trends,
    );
    await render();
    await screen.findByText('50 %');
    await userEvent.selectOptions(screen.getByLabelText('Window'), '90');
    await waitFor(() => expect(spans).toEqual([28, 90]));
  });

  it('says how much data is missing when there is not enough', async () => {
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(
          scorecard(ref, [
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
    await render();
    const row = (await screen.findByText('Time to acknowledge')).closest('tr')!;
    expect(within(row).getAllByText('not enough data')).toHaveLength(2);
    expect(within(row).getByText('2 of 5 needed')).toBeInTheDocument();
    expect(
      within(row).getByText('needs at least 5 data points'),
    ).toBeInTheDocument();
  });

  it('shows an empty state when no events were ever posted', async () => {
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(
          scorecard(ref, [
            metric('uptime', { count: 0, value: 1 }),
            metric('leadTime', {
              count: 0,
              state: 'not-enough-data',
              value: null,
            }),
          ]),
        ),
      ),
    );
    await render();
    expect(await screen.findByText('No events yet')).toBeInTheDocument();
    expect(
      screen.getByText(/Post events to the scorecard's ingestion API/),
    ).toBeInTheDocument();
  });

  it('shows a loading state until the scorecard arrives', async () => {
    let release!: () => void;
    const gate = new Promise<void>(r => {
      release = r;
    });
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, async () => {
        await gate;
        return HttpResponse.json(scorecard(ref, [metric('uptime')]));
      }),
      trends,
    );
    await render();
    expect(
      screen.getByRole('status', { name: 'Loading the scorecard' }),
    ).toBeInTheDocument();
    release();
    expect(await screen.findByText('50 %')).toBeInTheDocument();
    expect(
      screen.queryByRole('status', { name: 'Loading the scorecard' }),
    ).toBeNull();
  });

  it('says which permission is missing on a 403', async () => {
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'This needs the opmodel.scorecard.read permission',
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await render();
    expect(
      await screen.findByText(/You may not see this scorecard/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/opmodel\.scorecard\.read/).length,
    ).toBeGreaterThan(0);
  });

  it("shows the backend's error on a failure", async () => {
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'database is gone' },
            response: { statusCode: 500 },
          },
          { status: 500 },
        ),
      ),
    );
    await render();
    expect(
      await screen.findByText(/Could not load this scorecard/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/database is gone/).length).toBeGreaterThan(0);
  });

  it('opens the events behind a metric, newest first, linking to their source', async () => {
    const asked: URL[] = [];
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(
          scorecard(ref, [metric('leadTime', { value: 3_600_000 })]),
        ),
      ),
      trends,
      http.get(`${BASE}/scorecard/events`, ({ request }) => {
        asked.push(new URL(request.url));
        return HttpResponse.json({
          entityRef: ref,
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
    await render();
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
    expect(asked[0].searchParams.get('entityRef')).toBe(ref);
  });
});

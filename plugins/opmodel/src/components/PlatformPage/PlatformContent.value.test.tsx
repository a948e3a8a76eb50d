import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  METRIC_DEFINITIONS,
  type MetricId,
} from '@opmodel/plugin-scorecard-common';
import {
  BASE,
  CATALOG,
  fundingLine,
  platform,
  renderOnEntityPage,
  serveBackends,
} from '../../__testUtils__/harness';
import { PlatformContent } from './PlatformContent';

/*
 * A Platform's value for money on its page: its funding against its use, satisfaction and
 * delivery, costs only for readers allowed amounts, and the value check when satisfaction and
 * adoption fall while funding grows.
 */

const server = setupServer();
registerMswTestHooks(server);

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const NOW = Date.now();

const metric = (id: MetricId, value: number, label = 'met') => ({
  metric: id,
  definitionVersion: 1,
  state: 'ok',
  value,
  unit: METRIC_DEFINITIONS[id].unit,
  count: 10,
  minimumCount: 1,
  grade: {
    status: 'good',
    label,
    rule: { source: 'objective', description: '' },
  },
});

/** The last window's figures, and the window before's (asked for with an earlier `to`). */
function serveScorecard(
  now: { csat: number; adoption: number },
  before: { csat: number; adoption: number },
) {
  server.use(
    http.get(`${BASE}/scorecard/scorecard`, ({ request }) => {
      const url = new URL(request.url);
      const to = Date.parse(url.searchParams.get('to') ?? '');
      const figures = to > NOW - DAY ? now : before;
      return HttpResponse.json({
        entityRef: url.searchParams.get('entityRef'),
        window: { from: '', to: '' },
        members: [],
        computedAt: '',
        metrics: [
          metric('csat', figures.csat),
          metric('adoptionShare', figures.adoption),
          metric('deploymentFrequency', 12, 'elite'),
        ],
      });
    }),
    http.get(`${BASE}/scorecard/adoptions`, () =>
      HttpResponse.json({
        platforms: [
          {
            entityRef: 'platform:default/developer-platform',
            computedAt: new Date(NOW).toISOString(),
            consumers: 7,
            consumingEntities: 18,
            streamAligned: { consuming: 5, total: 6, share: 5 / 6 },
          },
        ],
      }),
    ),
  );
}

/** The platform's one line: 50 days at 800 a day for the platform, then a year at 1,600. */
const growing = {
  ...fundingLine,
  spec: {
    ...fundingLine.spec,
    periods: [
      { start: dayOf(NOW - 60 * DAY), end: dayOf(NOW - 10 * DAY) },
      { start: dayOf(NOW - 10 * DAY), end: dayOf(NOW + 355 * DAY) },
    ],
  },
};
const growingAmounts = {
  entityRef: 'fundingline:default/platform-run',
  currency: 'EUR',
  periods: [
    { ...growing.spec.periods[0], amount: 50_000 },
    { ...growing.spec.periods[1], amount: 730_000 },
  ],
};

const card = async () =>
  (await screen.findByText('Per consumer team')).closest(
    '[class*="MuiCard"]',
  ) as HTMLElement;

describe('PlatformContent, value for money', () => {
  it('shows shares, use and satisfaction, never money, to a reader without amounts', async () => {
    serveBackends(server, { amounts: 'DENY' });
    serveScorecard({ csat: 4.25, adoption: 0.8 }, { csat: 4.5, adoption: 0.9 });
    await renderOnEntityPage(platform, <PlatformContent />);
    const value = await card();
    await waitFor(() => expect(value).toHaveTextContent('4.3 / 5 (met)'));
    expect(value).toHaveTextContent('80 % of Platform run budget');
    expect(value).toHaveTextContent('7, through 18 components and systems');
    expect(value).toHaveTextContent('amounts hidden');
    expect(value).toHaveTextContent('12.0 deployments / week (elite)');
    expect(value.textContent).not.toMatch(/€/);
    // funding growth cannot be seen without the amounts: no value check
    expect(value).not.toHaveTextContent('part ways');
  });

  it('gives a year’s funding and its cost per consumer team, and flags satisfaction and adoption falling as funding grows', async () => {
    serveBackends(server, {
      amounts: 'ALLOW',
      entities: [
        ...CATALOG.filter(e => e.metadata.name !== 'platform-run'),
        growing,
      ],
    });
    server.use(
      http.get(`${BASE}/opmodel/funding/amounts`, () =>
        HttpResponse.json(growingAmounts),
      ),
    );
    serveScorecard({ csat: 3.1, adoption: 0.4 }, { csat: 3.8, adoption: 0.6 });
    await renderOnEntityPage(platform, <PlatformContent />);
    const value = await card();
    // 730,000 × 0.8 over 365 days, a year of it
    await waitFor(() => expect(value).toHaveTextContent('€584,000 a year'));
    // over seven teams, and over eighteen components
    expect(value).toHaveTextContent('€83,429 a year');
    expect(value).toHaveTextContent('€32,444 a year');
    expect(value).toHaveTextContent('Money and value part ways');
    expect(value).toHaveTextContent(
      'satisfaction fell from 3.8 to 3.1 and adoption from 60 % to 40 % of stream-aligned teams, while its funding grew by 100 % a day',
    );
  });
});

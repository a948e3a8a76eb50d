import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { METRIC_DEFINITIONS } from '@opmodel/plugin-scorecard-common';
import {
  BASE,
  fundingLine,
  renderOnEntityPage,
  serveBackends,
  THIS_YEAR,
} from '../../__testUtils__/harness';
import { FundingLineContent } from './FundingLineContent';

const server = setupServer();
registerMswTestHooks(server);

/** The fixture line's one period, as the page labels it. */
const PERIOD = `${THIS_YEAR.start} – ${THIS_YEAR.end}`;
const lastYear = Number(THIS_YEAR.start.slice(0, 4)) - 1;
/** The fixture line with last year's period before this year's. */
const twoPeriods = {
  ...fundingLine,
  spec: {
    ...fundingLine.spec,
    periods: [
      { start: `${lastYear}-01-01`, end: THIS_YEAR.start },
      { ...THIS_YEAR },
    ],
  },
};

/** The texts of the chart's parts the selector picks, in order. */
const texts = (selector: string, root: ParentNode = document) =>
  [...root.querySelectorAll(selector)].map(e => e.textContent);
/** What the chart's legend names, in order. */
const legendNames = () => texts('.recharts-legend-item-text');
const X_TICKS = '.recharts-xAxis .recharts-cartesian-axis-tick-value';
const Y_TICKS = '.recharts-yAxis .recharts-cartesian-axis-tick-value';
const BAR_LABELS = '.recharts-label-list .recharts-label';

const metric = (
  id: 'uptime' | 'deploymentFrequency' | 'changeFailureRate' | 'csat',
  value: number,
  label: string,
) => ({
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

function serveScorecards() {
  server.use(
    http.get(`${BASE}/scorecard/scorecard`, ({ request }) => {
      const ref = new URL(request.url).searchParams.get('entityRef');
      if (ref !== 'platform:default/developer-platform')
        return HttpResponse.json(
          { error: { name: 'NotFoundError', message: `No entity ${ref}` } },
          { status: 404 },
        );
      return HttpResponse.json({
        entityRef: ref,
        window: { from: '', to: '' },
        members: [ref],
        computedAt: '',
        metrics: [
          metric('uptime', 0.9991, 'met'),
          metric('deploymentFrequency', 12, 'elite'),
          metric('changeFailureRate', 0.05, 'met'),
          metric('csat', 4.25, 'met'),
        ],
      });
    }),
    // nine teams use the developer platform, one the data platform
    http.get(`${BASE}/scorecard/adoptions`, () =>
      HttpResponse.json({
        platforms: [
          adoption('platform:default/developer-platform', 9, 18),
          adoption('platform:default/data-platform', 1, 4),
        ],
      }),
    ),
  );
}

function adoption(entityRef: string, consumers: number, entities: number) {
  return {
    entityRef,
    computedAt: '2026-11-28T00:00:00.000Z',
    consumers,
    consumingEntities: entities,
    streamAligned: { consuming: consumers, total: 10, share: consumers / 10 },
  };
}

describe('FundingLineContent', () => {
  it('shows shares, never money, to a user who may not see amounts', async () => {
    serveBackends(server, { amounts: 'DENY' });
    serveScorecards();
    await renderOnEntityPage(fundingLine, <FundingLineContent />);
    expect(await screen.findByText(/Amounts are hidden/)).toBeInTheDocument();
    expect(screen.getByText('Every team deploys daily.')).toBeInTheDocument();
    expect(
      screen.getByText('operational (keeps the platform running)'),
    ).toBeInTheDocument();
    const funded = screen.getByRole('table', { name: 'Funded platforms' });
    const dev = within(funded).getByText('80 %').closest('tr')!;
    expect(within(dev).getByText('hidden')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: `Allocations in ${PERIOD}, in percent of the line`,
      }),
    ).toBeInTheDocument();
    const periods = screen.getByRole('table', { name: 'Periods' });
    expect(within(periods).getByText(THIS_YEAR.start)).toBeInTheDocument();
    // no amount anywhere on the page
    expect(document.body.textContent).not.toMatch(/€|1,200,000|960,000/);
  });

  it('shows amounts per period and per platform to a user allowed to', async () => {
    serveBackends(server, { amounts: 'ALLOW' });
    serveScorecards();
    await renderOnEntityPage(fundingLine, <FundingLineContent />);
    const periods = await screen.findByRole('table', { name: 'Periods' });
    expect(await within(periods).findByText('€1,200,000')).toBeInTheDocument();
    const funded = screen.getByRole('table', { name: 'Funded platforms' });
    expect(within(funded).getByText('€960,000')).toBeInTheDocument();
    expect(within(funded).getByText('€240,000')).toBeInTheDocument();
    expect(screen.queryByText(/Amounts are hidden/)).toBeNull();
    expect(
      screen.getByRole('img', { name: `Allocations in ${PERIOD}, in EUR` }),
    ).toBeInTheDocument();
  });

  it('takes the amounts from the opmodel backend, not from the entity', async () => {
    const asked = serveBackends(server, { amounts: 'ALLOW' });
    serveScorecards();
    await renderOnEntityPage(fundingLine, <FundingLineContent />);
    const periods = await screen.findByRole('table', { name: 'Periods' });
    expect(await within(periods).findByText('€1,200,000')).toBeInTheDocument();
    // the stored entity has no amount to show: the page must have asked for it
    expect(JSON.stringify(fundingLine.spec)).not.toMatch(/amount/);
    expect(asked.amounts).toEqual(['fundingline:default/platform-run']);
  });

  it('does not ask for amounts for a user who may not see them', async () => {
    const asked = serveBackends(server, { amounts: 'DENY' });
    serveScorecards();
    await renderOnEntityPage(fundingLine, <FundingLineContent />);
    expect(await screen.findByText(/Amounts are hidden/)).toBeInTheDocument();
    expect(asked.amounts).toEqual([]);
  });

  it('says why amounts are missing when the opmodel backend cannot serve them, and shows shares', async () => {
    serveBackends(server, { amounts: 'ALLOW', amountsStatus: 503 });
    serveScorecards();
    await renderOnEntityPage(fundingLine, <FundingLineContent />);
    expect(
      await screen.findByText(
        /Amounts could not be loaded: Could not read \/srv\/catalog\/funding.yaml: it does not exist/,
      ),
    ).toBeInTheDocument();
    const periods = screen.getByRole('table', { name: 'Periods' });
    expect(within(periods).getByText('unavailable')).toBeInTheDocument();
    const funded = screen.getByRole('table', { name: 'Funded platforms' });
    const dev = within(funded).getByText('80 %').closest('tr')!;
    expect(within(dev).getByText('unavailable')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: `Allocations in ${PERIOD}, in percent of the line`,
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Amounts are hidden/)).toBeNull();
  });

  it("shows each funded platform's scorecard headline, or says there is none", async () => {
    serveBackends(server);
    serveScorecards();
    await renderOnEntityPage(fundingLine, <FundingLineContent />);
    const funded = await screen.findByRole('table', {
      name: 'Funded platforms',
    });
    const dev = within(funded).getByText('80 %').closest('tr')!;
    expect(
      await within(dev).findByText('Uptime: 99.9 % (met)'),
    ).toBeInTheDocument();
    expect(
      within(dev).getByText('Deployment frequency: 12.0 / week (elite)'),
    ).toBeInTheDocument();
    const data = within(funded).getByText('20 %').closest('tr')!;
    expect(await within(data).findByText('no scorecard')).toBeInTheDocument();
  });

  it('says a scorecard could not be read, with the backend’s reason, apart from having none', async () => {
    serveBackends(server);
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message: 'the database did not answer in time',
            },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      ),
      http.get(`${BASE}/scorecard/adoptions`, () =>
        HttpResponse.json({ platforms: [] }),
      ),
    );
    await renderOnEntityPage(fundingLine, <FundingLineContent />);
    const funded = await screen.findByRole('table', {
      name: 'Funded platforms',
    });
    const dev = within(funded).getByText('80 %').closest('tr')!;
    expect(
      await within(dev).findByText(
        'scorecard unavailable: the database did not answer in time',
      ),
    ).toBeInTheDocument();
  });

  it('sets each platform’s share of the money against its share of the consumer teams, without amounts', async () => {
    serveBackends(server, { amounts: 'DENY' });
    serveScorecards();
    await renderOnEntityPage(fundingLine, <FundingLineContent />);
    const value = await screen.findByRole('table', { name: 'Value for money' });
    const dev = value.querySelector(
      '[data-value-platform="platform:default/developer-platform"]',
    )!;
    await waitFor(() => expect(dev).toHaveTextContent('4.3 / 5 (met)'));
    expect(dev).toHaveTextContent(
      '80 % of the money, 90 % of the consumer teams',
    );
    expect(dev).not.toHaveTextContent('part ways');
    expect(within(dev as HTMLElement).getAllByText('hidden')).toHaveLength(2);
    // a fifth of the money for a tenth of the teams
    const data = value.querySelector(
      '[data-value-platform="platform:default/data-platform"]',
    )!;
    expect(data).toHaveTextContent(
      '20 % of the money, 10 % of the consumer teams',
    );
    expect(data).toHaveTextContent('money and use part ways');
    // no scorecard for it: no satisfaction to show
    expect(data).toHaveTextContent('—');
    expect(value.textContent).not.toMatch(/€/);
  });

  it('gives the cost per consumer team and per consuming component to a user allowed amounts', async () => {
    serveBackends(server, { amounts: 'ALLOW' });
    serveScorecards();
    await renderOnEntityPage(fundingLine, <FundingLineContent />);
    const value = await screen.findByRole('table', { name: 'Value for money' });
    const dev = value.querySelector(
      '[data-value-platform="platform:default/developer-platform"]',
    )!;
    // €960,000 over nine teams and eighteen components
    await waitFor(() => expect(dev).toHaveTextContent('€106,667'));
    expect(dev).toHaveTextContent('€53,333');
    const data = value.querySelector(
      '[data-value-platform="platform:default/data-platform"]',
    )!;
    expect(data).toHaveTextContent('€240,000');
    expect(data).toHaveTextContent('€60,000');
  });

  it('names the platforms in the chart by their titles, not their refs', async () => {
    serveBackends(server, { amounts: 'DENY' });
    serveScorecards();
    await renderOnEntityPage(twoPeriods, <FundingLineContent />, {
      entityPresentation: true,
    });
    const chart = await screen.findByRole('img', {
      name: 'Allocations per period, in percent of the line',
    });
    // the catalog has a title for one platform; the other is named by its name
    await waitFor(() =>
      expect(legendNames()).toEqual(['Developer Platform', 'data-platform']),
    );
    expect(chart.textContent).not.toMatch(/platform:default\//);
    // each period a bar of its own, labelled with its dates
    expect(texts(X_TICKS, chart)).toEqual([
      `${lastYear}-01-01 – ${THIS_YEAR.start}`,
      PERIOD,
    ]);
  });

  it('names the platforms by their names where the app presents no titles', async () => {
    serveBackends(server, { amounts: 'DENY' });
    serveScorecards();
    await renderOnEntityPage(twoPeriods, <FundingLineContent />);
    const chart = await screen.findByRole('img', {
      name: 'Allocations per period, in percent of the line',
    });
    expect(legendNames()).toEqual(['developer-platform', 'data-platform']);
    expect(chart.textContent).not.toMatch(/platform:default\//);
  });

  it('shows a single period as a bar per platform, under the period it covers', async () => {
    serveBackends(server, { amounts: 'ALLOW' });
    serveScorecards();
    await renderOnEntityPage(fundingLine, <FundingLineContent />, {
      entityPresentation: true,
    });
    const heading = await screen.findByRole('heading', {
      name: `Period ${PERIOD}: €1,200,000 in all`,
    });
    expect(within(heading).getByText(PERIOD)).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    const chart = screen.getByRole('img', {
      name: `Allocations in ${PERIOD}, in EUR`,
    });
    // each platform on its own bar, named by its title, with what it gets; no legend to decode
    await waitFor(() =>
      expect(texts(Y_TICKS, chart)).toEqual([
        'Developer Platform',
        'data-platform',
      ]),
    );
    expect(texts(BAR_LABELS, chart)).toEqual(['€960,000', '€240,000']);
    expect(chart.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(2);
    expect(legendNames()).toEqual([]);
    expect(chart.textContent).not.toMatch(/platform:default\//);
  });

  it('shows a single period in shares to a user who may not see amounts', async () => {
    serveBackends(server, { amounts: 'DENY' });
    serveScorecards();
    await renderOnEntityPage(fundingLine, <FundingLineContent />);
    expect(
      await screen.findByRole('heading', {
        name: `Period ${PERIOD}, in percent of the line (amount hidden)`,
      }),
    ).toBeInTheDocument();
    const chart = screen.getByRole('img', {
      name: `Allocations in ${PERIOD}, in percent of the line`,
    });
    expect(texts(Y_TICKS, chart)).toEqual([
      'developer-platform',
      'data-platform',
    ]);
    expect(texts(BAR_LABELS, chart)).toEqual(['80 %', '20 %']);
    expect(chart.textContent).not.toMatch(/€/);
  });

  it('keeps the dates of the periods on one line', async () => {
    serveBackends(server, { amounts: 'DENY' });
    serveScorecards();
    await renderOnEntityPage(twoPeriods, <FundingLineContent />);
    const periods = await screen.findByRole('table', { name: 'Periods' });
    const cells = within(periods)
      .getAllByRole('cell')
      .filter(c => /^\d{4}-\d\d-\d\d$/.test(c.textContent ?? ''));
    expect(cells).toHaveLength(4);
    for (const cell of cells)
      expect(cell).toHaveStyle({ whiteSpace: 'nowrap' });
  });
});

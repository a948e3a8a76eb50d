import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import {
  CATALOG,
  FUNDING_LINE,
  platform,
  PORTFOLIO,
  render,
  serve,
} from '../__testUtils__/renderPortfolioPage';
import { metric } from '../testing/fixtures';

/*
 * The portfolio as a whole: each figure's change against the window before, the grades across
 * the shown platforms, and funding lines with each platform's share.
 */

const server = setupServer();
registerMswTestHooks(server);

const BEFORE = {
  window: { from: '2026-09-27T00:00:00.000Z', to: '2026-10-25T00:00:00.000Z' },
  platforms: [
    platform('data-platform', 'data-team', 'production', 0.99, 30),
    platform('developer-platform', 'platform-team', 'production', 0.9995, 5),
  ],
};

describe('PortfolioPage at a glance', () => {
  it('shows each figure’s change against the window before, better or worse in words', async () => {
    const asked = serve(server, PORTFOLIO, 200, { before: BEFORE });
    await render('/portfolio?columns=uptime,leadTime');
    const dev = (await screen.findByText('developer platform')).closest('tr')!;
    // lead time fell from 5 h to 2 h: better
    const lead = await within(dev).findByText('−3 h');
    expect(lead.closest('[data-change]')).toHaveAttribute(
      'data-change',
      'better',
    );
    expect(lead.closest('[data-change]')).toHaveTextContent(
      '(better), the 28 days before: 5 h',
    );
    const data = screen.getByText('data platform').closest('tr')!;
    // uptime fell from 99 % to 98 %: worse
    expect(
      within(data).getByText('−1 pp').closest('[data-change]'),
    ).toHaveAttribute('data-change', 'worse');
    // no figures before for the observability platform: no change shown
    const obs = screen.getByText('observability platform').closest('tr')!;
    expect(obs.querySelector('[data-change]')).toBeNull();
    // the window before has the same length and ends where the shown one starts
    const windows = asked
      .filter(u => u.pathname.endsWith('/portfolio'))
      .map(u => ({
        from: Date.parse(u.searchParams.get('from')!),
        to: Date.parse(u.searchParams.get('to')!),
      }));
    expect(windows).toHaveLength(2);
    const [now, before] = windows.sort((a, b) => b.to - a.to);
    expect(before.to).toBe(now.from);
    expect(before.to - before.from).toBe(now.to - now.from);
  });

  it('counts the grades of each shown metric across the shown platforms', async () => {
    serve(server);
    await render('/portfolio?columns=uptime,leadTime');
    const overview = await screen.findByRole('group', {
      name: 'Grades across the shown platforms',
    });
    // uptime: the fixture grades every figure met (good); the observability platform has one too
    expect(
      overview.querySelector('[data-overview="uptime"]'),
    ).toHaveTextContent('Uptime3 good');
    // lead time: two graded, one without enough data (not counted as ungraded)
    expect(
      overview.querySelector('[data-overview="leadTime"]'),
    ).toHaveTextContent('Lead time for changes2 good · 1 not enough data');
  });

  it('names each funding line with the platform’s share of it, and no amount to a user without the permission', async () => {
    const amountsAsked: string[] = [];
    const listen = ({ request }: { request: Request }) => {
      if (request.url.includes('/opmodel/')) amountsAsked.push(request.url);
    };
    server.events.on('request:start', listen);
    serve(server, PORTFOLIO, 200, { catalog: [...CATALOG, FUNDING_LINE] });
    await render('/portfolio?columns=funding');
    const dev = (await screen.findByText('developer platform')).closest('tr')!;
    const cell = await within(dev).findByText('Platform run 2026 (60 %)');
    expect(cell).toBeInTheDocument();
    expect(dev).not.toHaveTextContent('€');
    // the backend that serves amounts is not even asked
    server.events.removeListener('request:start', listen);
    expect(amountsAsked).toEqual([]);
  });

  it('sets consumer teams against the portfolio’s without amounts, saying which permission shows them', async () => {
    serve(server, PORTFOLIO, 200, {
      catalog: [...CATALOG, FUNDING_LINE],
      adoptions: [
        {
          entityRef: 'platform:default/developer-platform',
          computedAt: '2026-11-28T00:00:00Z',
          consumers: 3,
          consumingEntities: 3,
          streamAligned: { consuming: 3, total: 6, share: 0.5 },
        },
        {
          entityRef: 'platform:default/data-platform',
          computedAt: '2026-11-28T00:00:00Z',
          consumers: 1,
          consumingEntities: 1,
          streamAligned: { consuming: 1, total: 6, share: 1 / 6 },
        },
      ],
    });
    await render('/portfolio?columns=adoption,value');
    const dev = (await screen.findByText('developer platform')).closest('tr')!;
    const value = await within(dev).findByText('75 % of consumer teams');
    expect(value.closest('td')).toHaveTextContent(
      'amounts need opmodel.funding.amounts.read',
    );
    expect(value.closest('td')).not.toHaveTextContent('€');
    expect(within(dev).getByText('3 teams')).toBeInTheDocument();
  });

  it('draws throughput against stability, one point per platform, and each one’s way through the windows before on demand', async () => {
    const delivery = (name: string, perWeek: number, cfr: number) => ({
      ...platform(name, 'team', 'production', 0.99, 2),
      metrics: [
        metric('deploymentFrequency', { value: perWeek }),
        metric('changeFailureRate', { value: cfr }),
      ],
    });
    const now = {
      window: PORTFOLIO.window,
      platforms: [
        delivery('developer-platform', 40, 0.05),
        delivery('data-platform', 2, 0.3),
        platform('observability-platform', 'obs', 'production', 0.99, null),
      ],
    };
    const asked = serve(server, now, 200, {
      before: {
        window: PORTFOLIO.window,
        platforms: [delivery('developer-platform', 20, 0.1)],
      },
    });
    await render('/portfolio?columns=deploymentFrequency,changeFailureRate');
    const chart = await screen.findByRole('img', {
      name: /^Throughput against stability of 2 platform\(s\)/,
    });
    expect(chart).toHaveAccessibleName(
      expect.stringContaining(
        'developer platform: 40 / week deployments, 5 % change failure rate (good)',
      ),
    );
    expect(chart.querySelectorAll('[data-platform-point]')).toHaveLength(2);
    // the best sit top right: more deployments to the right, fewer failures up
    const at = (ref: string) =>
      chart.querySelector(`[data-platform-point="${ref}"] circle`)!;
    const dev = at('platform:default/developer-platform');
    const data = at('platform:default/data-platform');
    expect(Number(dev.getAttribute('cx'))).toBeGreaterThan(
      Number(data.getAttribute('cx')),
    );
    expect(Number(dev.getAttribute('cy'))).toBeLessThan(
      Number(data.getAttribute('cy')),
    );
    expect(
      screen.getByText(/Not drawn, without both figures in the last 28 days/),
    ).toHaveTextContent('observability platform');

    // no trend until asked: then the three windows before, one request each
    expect(chart.querySelector('[data-testid="trend-trail"]')).toBeNull();
    const before = asked.filter(u => u.pathname.endsWith('/portfolio')).length;
    await userEvent.click(
      screen.getByRole('button', { name: /Trend over the 3 windows before/ }),
    );
    await waitFor(() =>
      expect(
        chart.querySelectorAll('[data-testid="trend-trail"]'),
      ).toHaveLength(1),
    );
    expect(
      asked.filter(u => u.pathname.endsWith('/portfolio')).length - before,
    ).toBe(3);
  });
});

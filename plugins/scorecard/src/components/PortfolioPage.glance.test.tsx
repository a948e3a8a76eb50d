import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import {
  CATALOG,
  platform,
  PORTFOLIO,
  render,
  serve,
} from '../__testUtils__/renderPortfolioPage';

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

const FUNDING_LINE = {
  apiVersion: 'opmodel.dev/v1alpha1',
  kind: 'FundingLine',
  metadata: {
    name: 'platform-run-2026',
    namespace: 'default',
    title: 'Platform run 2026',
  },
  spec: {
    type: 'operational',
    owner: 'group:default/finance',
    currency: 'EUR',
    periods: [{ start: '2026-01-01', end: '2027-01-01' }],
    allocations: [
      { target: 'platform:default/developer-platform', share: 0.6 },
      { target: 'data-platform', share: 0.4 },
    ],
  },
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

  it('names each funding line with the platform’s share of it', async () => {
    serve(server, PORTFOLIO, 200, { catalog: [...CATALOG, FUNDING_LINE] });
    await render('/portfolio?columns=funding');
    const dev = (await screen.findByText('developer platform')).closest('tr')!;
    expect(
      await within(dev).findByText('Platform run 2026 (60 %)'),
    ).toBeInTheDocument();
  });
});

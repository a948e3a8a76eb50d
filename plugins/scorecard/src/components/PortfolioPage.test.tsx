import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  CATALOG,
  PORTFOLIO,
  platformsInOrder,
  render,
  serve,
} from '../__testUtils__/renderPortfolioPage';
import { BASE } from '../testing/fixtures';

const server = setupServer();
registerMswTestHooks(server);

describe('PortfolioPage', () => {
  it('lists every platform with headline metrics, grades, funding and findings', async () => {
    const asked = serve(server);
    await render(
      '/portfolio?columns=lifecycle,uptime,leadTime,funding,findings',
    );
    const row = (await screen.findByText('developer platform')).closest('tr')!;
    expect(within(row).getByText('99.95 %')).toBeInTheDocument();
    expect(within(row).getByText('2 h')).toBeInTheDocument();
    expect(within(row).getAllByText('met')).toHaveLength(2);
    expect(within(row).getByText('production')).toBeInTheDocument();
    expect(within(row).getByText(/platform-run-2026/)).toBeInTheDocument();
    // the platform declares no value proposition: the model check says so
    expect(
      within(row).getByText(
        'warning: does not say what a consumer gains from the platform',
      ),
    ).toBeInTheDocument();
    const obs = screen.getByText('observability platform').closest('tr')!;
    // the grade's words once, not repeated as the value
    expect(within(obs).getAllByText('not enough data')).toHaveLength(1);
    expect(platformsInOrder()).toEqual([
      'platform:default/data-platform',
      'platform:default/developer-platform',
      'platform:default/observability-platform',
    ]);
    const catalogQuery = asked.find(u => u.pathname.endsWith('/entities'))!;
    expect(catalogQuery.searchParams.getAll('filter').join(',')).toContain(
      'kind=Platform',
    );
  });

  it('sorts by a metric both ways, with platforms lacking data last, and keeps the sort in the URL', async () => {
    serve(server);
    await render();
    await screen.findByText('developer platform');
    await userEvent.click(
      screen.getByRole('button', { name: 'Lead time for changes' }),
    );
    expect(platformsInOrder()).toEqual([
      'platform:default/developer-platform',
      'platform:default/data-platform',
      'platform:default/observability-platform',
    ]);
    expect(screen.getByTestId('location')).toHaveTextContent(
      '?sort=leadTime&dir=asc',
    );
    await userEvent.click(
      screen.getByRole('button', { name: /Lead time for changes/ }),
    );
    expect(platformsInOrder()).toEqual([
      'platform:default/data-platform',
      'platform:default/developer-platform',
      'platform:default/observability-platform',
    ]);
    expect(screen.getByTestId('location')).toHaveTextContent('dir=desc');
  });

  it('shows the platform, owner and the six headline metrics by default, and a picked column once picked', async () => {
    serve(server);
    await render();
    await screen.findByText('developer platform');
    const headers = () =>
      screen.getAllByRole('columnheader').map(h => h.textContent);
    expect(headers()).toEqual([
      'Platform',
      'Owner',
      'Uptime',
      'Deployment frequency',
      'Lead time for changes',
      'Change failure rate',
      'Failed deployment recovery time',
      'Time to acknowledge',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Columns' }));
    expect(
      screen.getByRole('menuitemcheckbox', { name: 'Lead time for changes' }),
    ).toHaveAttribute('aria-checked', 'true');
    await userEvent.click(
      screen.getByRole('menuitemcheckbox', { name: 'Lifecycle' }),
    );
    expect(screen.getByTestId('location')).toHaveTextContent(
      '?columns=lifecycle,uptime,deploymentFrequency,leadTime,changeFailureRate,recoveryTime,timeToAcknowledge',
    );
    await userEvent.click(
      screen.getByRole('menuitemcheckbox', { name: 'Uptime' }),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    expect(headers()).toEqual([
      'Platform',
      'Owner',
      'Lifecycle',
      'Deployment frequency',
      'Lead time for changes',
      'Change failure rate',
      'Failed deployment recovery time',
      'Time to acknowledge',
    ]);
    expect(screen.getByTestId('location')).not.toHaveTextContent('uptime');
  });

  it('shows the columns the URL names, in the table order, and sorts by them', async () => {
    serve(server);
    await render('/portfolio?columns=findings,leadTime,bogus&sort=leadTime');
    await screen.findByText('developer platform');
    expect(screen.getAllByRole('columnheader').map(h => h.textContent)).toEqual(
      ['Platform', 'Owner', 'Lead time for changes', 'Findings'],
    );
    expect(platformsInOrder()).toEqual([
      'platform:default/developer-platform',
      'platform:default/data-platform',
      'platform:default/observability-platform',
    ]);
  });

  it('downloads the shown columns and rows, in their order, as CSV', async () => {
    serve(server);
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:portfolio';
    });
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    let download = '';
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordDownload(this: HTMLAnchorElement) {
        download = this.download;
      });
    try {
      await render(
        '/portfolio?columns=uptime,leadTime&sort=leadTime&dir=desc&owner=group:default/platform-team',
      );
      await screen.findByText('developer platform');
      await userEvent.click(
        screen.getByRole('button', { name: 'Download CSV' }),
      );
      expect(download).toBe('portfolio-2026-10-25-2026-11-22.csv');
      expect(blobs).toHaveLength(1);
      const text = await blobs[0].text();
      expect(text.replace(/^\ufeff/, '').split('\r\n')).toEqual([
        'Platform,Entity ref,Owner,Uptime (%),Uptime grade,Lead time for changes (hours),Lead time for changes grade',
        'developer platform,platform:default/developer-platform,group:default/platform-team,99.95,met,2,met',
        'observability platform,platform:default/observability-platform,group:default/platform-team,100,met,,not enough data',
        '',
      ]);
    } finally {
      click.mockRestore();
    }
  });

  it('filters by owner and lifecycle from the URL, and writes a changed filter back', async () => {
    const asked = serve(server);
    await render('/portfolio?owner=group:default/platform-team&window=90');
    await screen.findByText('developer platform');
    expect(platformsInOrder()).toEqual([
      'platform:default/developer-platform',
      'platform:default/observability-platform',
    ]);
    const window = asked.find(u => u.pathname.endsWith('/portfolio'))!;
    expect(
      (Date.parse(window.searchParams.get('to')!) -
        Date.parse(window.searchParams.get('from')!)) /
        86_400_000,
    ).toBe(90);
    await userEvent.selectOptions(
      screen.getByLabelText('Lifecycle'),
      'experimental',
    );
    expect(platformsInOrder()).toEqual([
      'platform:default/observability-platform',
    ]);
    expect(screen.getByTestId('location')).toHaveTextContent(
      'lifecycle=experimental',
    );
    expect(screen.getByText('Platforms (1 of 3)')).toBeInTheDocument();
  });

  it('shows a loading state, then the platforms', async () => {
    let release!: () => void;
    const gate = new Promise<void>(r => {
      release = r;
    });
    server.use(
      http.get(`${BASE}/scorecard/portfolio`, async () => {
        await gate;
        return HttpResponse.json(PORTFOLIO);
      }),
      http.get(`${BASE}/catalog/entities`, () => HttpResponse.json(CATALOG)),
    );
    await render();
    expect(
      screen.getByRole('status', { name: 'Loading the portfolio' }),
    ).toBeInTheDocument();
    release();
    expect(await screen.findByText('developer platform')).toBeInTheDocument();
  });

  it('says how to get started when there are no platforms', async () => {
    serve(server, { window: PORTFOLIO.window, platforms: [] });
    await render();
    expect(
      await screen.findByText(/No Platform entities in the catalog yet/),
    ).toBeInTheDocument();
  });

  it('says which permission is missing on a 403, and shows other errors', async () => {
    serve(
      server,
      {
        error: {
          name: 'NotAllowedError',
          message: 'This needs the opmodel.scorecard.read permission',
        },
        response: { statusCode: 403 },
      },
      403,
    );
    const first = await render();
    expect(
      await screen.findByText(/You may not see the portfolio/),
    ).toBeInTheDocument();
    first.unmount();
    serve(
      server,
      {
        error: { name: 'Error', message: 'boom' },
        response: { statusCode: 500 },
      },
      500,
    );
    await render();
    expect(
      await screen.findByText(/Could not load the portfolio/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getAllByText(/boom/).length).toBeGreaterThan(0),
    );
  });
});

import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { adoption, platformRef } from '../../testing/fixtures';
import {
  renderAdoptionCard,
  serveAdoption,
} from '../../__testUtils__/renderAdoptionCard';

/*
 * What the card says about a platform with consumers: the share of stream-aligned teams, every
 * consumer team and what it uses the platform through, the capabilities, and the findings.
 */

const server = setupServer();
registerMswTestHooks(server);

const DAY = 86_400_000;

/** The cells of the row of `team` in the consumer teams table, as text. */
function rowOf(team: string) {
  const table = screen.getByRole('table', { name: 'Consumer teams' });
  const link = within(table).getByRole('link', { name: team });
  return link.closest('tr')!;
}

describe('AdoptionCard', () => {
  it('asks for the platform on the page over the last 28 days', async () => {
    const asked: URL[] = [];
    server.use(serveAdoption(undefined, url => asked.push(url)));
    const before = Date.now();
    await renderAdoptionCard();
    await screen.findByRole('table', { name: 'Consumer teams' });
    expect(asked).toHaveLength(1);
    const params = asked[0].searchParams;
    expect(params.get('entityRef')).toBe(platformRef);
    const from = Date.parse(params.get('from')!);
    const to = Date.parse(params.get('to')!);
    expect(to - from).toBe(28 * DAY);
    // the window ends now
    expect(to).toBeGreaterThanOrEqual(before);
    expect(to).toBeLessThanOrEqual(Date.now());
  });

  it('heads the card with the share of stream-aligned teams that consume the platform', async () => {
    server.use(serveAdoption());
    await renderAdoptionCard();
    expect(screen.getByText('Adoption')).toBeInTheDocument();
    expect(
      await screen.findByText('4 of 6 stream-aligned teams (66.7 %)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/consuming this platform; 5 consumer teams in all/),
    ).toBeInTheDocument();
  });

  it('lists every consumer team: stream-aligned or not, declared, observed and through what', async () => {
    server.use(serveAdoption());
    await renderAdoptionCard();
    const table = await screen.findByRole('table', { name: 'Consumer teams' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Team', 'Declared', 'Observed', 'Through']);
    // one row a team, each team a link to its page
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 5);
    expect(
      within(table).getByRole('link', { name: 'checkout-team' }),
    ).toHaveAttribute('href', '/catalog/default/group/checkout-team');

    // stream-aligned, declared and observed, through a Component and a System, each linked
    const checkout = rowOf('checkout-team');
    const cells = within(checkout).getAllByRole('cell');
    expect(within(cells[0]).getByText('stream-aligned')).toBeInTheDocument();
    expect(cells.slice(1, 3).map(c => c.textContent)).toEqual(['yes', 'yes']);
    expect(
      within(cells[3])
        .getAllByRole('link')
        .map(a => a.getAttribute('href')),
    ).toEqual([
      '/catalog/default/component/checkout-api',
      '/catalog/default/system/payments',
    ]);

    // declared only: not stream-aligned, not observed, through nothing
    const data = within(rowOf('data-team')).getAllByRole('cell');
    expect(within(data[0]).getByText('not stream-aligned')).toBeInTheDocument();
    expect(data.slice(1).map(c => c.textContent)).toEqual([
      'yes',
      'no',
      'nothing observed',
    ]);
    expect(within(data[3]).queryAllByRole('link')).toHaveLength(0);

    // observed only, through its Component
    const search = within(rowOf('search-team')).getAllByRole('cell');
    expect(within(search[0]).getByText('stream-aligned')).toBeInTheDocument();
    expect(search.slice(1, 3).map(c => c.textContent)).toEqual(['no', 'yes']);
    expect(within(search[3]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/search-indexer',
    );
  });

  it('shows each capability with the teams using it and its stream-aligned share', async () => {
    server.use(serveAdoption());
    await renderAdoptionCard();
    const table = await screen.findByRole('table', { name: 'Capabilities' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(r =>
        within(r)
          .getAllByRole('cell')
          // as read: a no-break space is a space
          .map(c => c.textContent?.replace(/\s/g, ' ')),
      );
    expect(rows).toEqual([
      ['Continuous integration', '3', '3 of 6 (50 %)'],
      ['Observability', '0', '0 of 6 (0 %)'],
    ]);
  });

  it('shows each finding with its message and its fix', async () => {
    server.use(serveAdoption());
    await renderAdoptionCard();
    const findings = await screen.findByRole('region', { name: 'Findings' });
    const items = within(findings).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Declared, not observed');
    expect(items[0]).toHaveTextContent(
      'group:default/data-team is declared a consumer, but owns no Component or System that depends on what the platform provides',
    );
    expect(items[0]).toHaveTextContent(
      "Fix: give the team's Components that use the platform a dependsOn or consumesApis on what it includes, or remove group:default/data-team from spec.consumers",
    );
    expect(items[1]).toHaveTextContent('Observed, not declared');
    expect(items[1]).toHaveTextContent(
      'Fix: add - { team: group:default/search-team, interaction: x-as-a-service } to spec.consumers',
    );
  });

  it('leaves the findings out when declarations and the catalog agree', async () => {
    server.use(serveAdoption(adoption({ findings: [] })));
    await renderAdoptionCard();
    await screen.findByRole('table', { name: 'Consumer teams' });
    expect(screen.queryByRole('region', { name: 'Findings' })).toBeNull();
  });
});

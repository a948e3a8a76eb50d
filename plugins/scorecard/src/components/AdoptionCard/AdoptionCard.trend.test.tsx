import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { adoption } from '../../testing/fixtures';
import {
  renderAdoptionCard,
  serveAdoption,
} from '../../__testUtils__/renderAdoptionCard';

/* The history of the share of stream-aligned teams, as a small chart. */

const server = setupServer();
registerMswTestHooks(server);

const titles = (elements: Element[]) =>
  elements.map(e => e.querySelector('title')?.textContent);

describe('AdoptionCard', () => {
  it('draws the daily share, one point a day with its value, a gap for a day without a share', async () => {
    server.use(serveAdoption());
    await renderAdoptionCard();
    const chart = await screen.findByRole('img', {
      name: 'Share of stream-aligned teams, daily trend from Nov 19 to Nov 22',
    });
    expect(titles(within(chart).getAllByTestId('trend-point'))).toEqual([
      'Nov 19: 33.3 %',
      'Nov 21: 50 %',
      'Nov 22: 66.7 %',
    ]);
    // Nov 20 had no stream-aligned teams: no point, a gap splitting the line
    expect(titles(within(chart).getAllByTestId('trend-gap'))).toEqual([
      'Nov 20: not enough data',
    ]);
    expect(within(chart).getAllByTestId('trend-segment')).toHaveLength(1);
  });

  it('says there is no history yet when no day has a share', async () => {
    server.use(serveAdoption(adoption({ history: [] })));
    await renderAdoptionCard();
    await screen.findByRole('table', { name: 'Consumer teams' });
    expect(screen.getByText('no history yet')).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /daily trend/ })).toBeNull();
  });
});

import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BASE, metric, platformRef, scorecard } from '../../testing/fixtures';
import {
  noCoverage,
  renderScorecardCard,
  trends,
} from '../../__testUtils__/renderScorecardCard';

/*
 * What the card shows before and instead of figures: no events yet, loading, no permission, an
 * error of the backend.
 */

const server = setupServer();
registerMswTestHooks(server);

describe('ScorecardCard', () => {
  beforeEach(() => server.use(noCoverage));

  it('shows an empty state when no events were ever posted', async () => {
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(
          scorecard(platformRef, [
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
    await renderScorecardCard();
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
        return HttpResponse.json(scorecard(platformRef, [metric('uptime')]));
      }),
      trends,
    );
    await renderScorecardCard();
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
    await renderScorecardCard();
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
    await renderScorecardCard();
    expect(
      await screen.findByText(/Could not load this scorecard/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/database is gone/).length).toBeGreaterThan(0);
  });
});

import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { adoption, BASE } from '../../testing/fixtures';
import {
  renderAdoptionCard,
  serveAdoption,
} from '../../__testUtils__/renderAdoptionCard';

/*
 * What the card shows before and instead of the figures: loading, no permission, an error of the
 * backend, a platform nobody consumes, an organisation without stream-aligned teams.
 */

const server = setupServer();
registerMswTestHooks(server);

describe('AdoptionCard', () => {
  it('shows a loading state until the adoption arrives', async () => {
    let release!: () => void;
    const gate = new Promise<void>(r => {
      release = r;
    });
    server.use(
      http.get(`${BASE}/scorecard/adoption`, async () => {
        await gate;
        return HttpResponse.json(adoption());
      }),
    );
    await renderAdoptionCard();
    expect(
      screen.getByRole('status', { name: 'Loading the adoption' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('group', {
        name: 'Adoption of platform:default/developer-platform',
      }),
    ).toHaveAttribute('aria-busy', 'true');
    release();
    expect(
      await screen.findByText('4 of 6 stream-aligned teams (66.7 %)'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('status', { name: 'Loading the adoption' }),
    ).toBeNull();
    expect(
      screen.getByRole('group', {
        name: 'Adoption of platform:default/developer-platform',
      }),
    ).toHaveAttribute('aria-busy', 'false');
  });

  it('says which permission is missing on a 403', async () => {
    server.use(
      http.get(`${BASE}/scorecard/adoption`, () =>
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
    await renderAdoptionCard();
    expect(
      await screen.findByText(/You may not see the adoption of this platform/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/opmodel\.scorecard\.read/).length,
    ).toBeGreaterThan(0);
  });

  it("shows the backend's error on a failure", async () => {
    server.use(
      http.get(`${BASE}/scorecard/adoption`, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'catalog is gone' },
            response: { statusCode: 500 },
          },
          { status: 500 },
        ),
      ),
    );
    await renderAdoptionCard();
    expect(
      await screen.findByText(/Could not load the adoption of this platform/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/catalog is gone/).length).toBeGreaterThan(0);
  });

  it('says how teams become consumers when there are none', async () => {
    server.use(
      serveAdoption(
        adoption({
          teams: [],
          streamAligned: { consuming: 0, total: 6, share: 0 },
          capabilities: [],
          findings: [],
        }),
      ),
    );
    await renderAdoptionCard();
    expect(
      await screen.findByText('No consumer teams yet'),
    ).toBeInTheDocument();
    const how = screen.getByText(/A team becomes a consumer/);
    expect(how).toHaveTextContent(/declares it in spec\.consumers/);
    expect(how).toHaveTextContent(
      /owns a Component or System that dependsOn, or consumesApis of, something the platform includes/,
    );
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('says that no Group counts as stream-aligned, and which setting decides it', async () => {
    server.use(
      serveAdoption(
        adoption({
          teams: adoption().teams.map(t => ({ ...t, streamAligned: false })),
          streamAligned: { consuming: 0, total: 0, share: null },
        }),
      ),
    );
    await renderAdoptionCard();
    const note = await screen.findByText(/No Group counts as stream-aligned/);
    expect(note).toHaveTextContent(
      'opmodel.scorecard.adoption.streamAlignedGroupTypes in app-config decides which do',
    );
    expect(screen.queryByText(/stream-aligned teams \(/)).toBeNull();
    expect(screen.getByText('5 consumer teams in all.')).toBeInTheDocument();
    // the teams are still listed
    expect(
      screen.getByRole('table', { name: 'Consumer teams' }),
    ).toBeInTheDocument();
  });
});

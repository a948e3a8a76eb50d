import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BASE, metric, platformRef, scorecard } from '../../testing/fixtures';
import { formatDateTime } from '../format';
import {
  noCoverage,
  renderScorecardCard,
  trends,
} from '../../__testUtils__/renderScorecardCard';

/*
 * The events behind a metric, in a dialog the metric's name opens.
 */

const server = setupServer();
registerMswTestHooks(server);

describe('ScorecardCard', () => {
  beforeEach(() => server.use(noCoverage));

  it('opens the events behind a metric, newest first, linking to their source', async () => {
    const asked: URL[] = [];
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(
          scorecard(platformRef, [metric('leadTime', { value: 3_600_000 })]),
        ),
      ),
      trends,
      http.get(`${BASE}/scorecard/events`, ({ request }) => {
        asked.push(new URL(request.url));
        return HttpResponse.json({
          entityRef: platformRef,
          type: 'deployment',
          events: [
            {
              source: 'github-actions',
              id: 'run-2',
              entityRef: 'component:default/checkout-service',
              environment: 'production',
              result: 'failure',
              startedAt: '2026-11-21T09:50:00.000Z',
              finishedAt: '2026-11-21T10:00:00.000Z',
              firstCommitAt: null,
              fixesIncident: null,
              url: 'https://ci.example.com/run-2',
            },
            {
              source: 'github-actions',
              id: 'run-1',
              entityRef: 'component:default/checkout-service',
              environment: 'production',
              result: 'success',
              startedAt: null,
              finishedAt: '2026-11-20T10:00:00.000Z',
              firstCommitAt: null,
              fixesIncident: null,
              url: null,
            },
          ],
        });
      }),
    );
    await renderScorecardCard();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Lead time for changes' }),
    );
    const dialog = await screen.findByRole('dialog');
    const table = await within(dialog).findByRole('table', {
      name: 'deployments behind Lead time for changes',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    // in the reader's locale and time zone, the exact ISO time on hover; never the raw ISO text
    expect(rows.map(r => r.textContent)).toEqual([
      expect.stringContaining(formatDateTime('2026-11-21T10:00:00.000Z')),
      expect.stringContaining(formatDateTime('2026-11-20T10:00:00.000Z')),
    ]);
    expect(rows.map(r => r.textContent)).not.toContainEqual(
      expect.stringContaining('T10:00'),
    );
    const when = within(rows[0]).getByText(
      formatDateTime('2026-11-21T10:00:00.000Z'),
    );
    expect(when.tagName).toBe('TIME');
    expect(when).toHaveAttribute('title', '2026-11-21T10:00:00.000Z');
    expect(when).toHaveAttribute('dateTime', '2026-11-21T10:00:00.000Z');
    expect(rows[0]).toHaveTextContent('failure in production');
    expect(
      within(rows[0]).getByRole('link', { name: /^run-2/ }),
    ).toHaveAttribute('href', 'https://ci.example.com/run-2');
    expect(asked[0].searchParams.get('type')).toBe('deployment');
    expect(asked[0].searchParams.get('entityRef')).toBe(platformRef);
  });

  it('lists the incidents behind an availability figure, with their times readable and open ones marked', async () => {
    const types: Array<string | null> = [];
    server.use(
      http.get(`${BASE}/scorecard/scorecard`, () =>
        HttpResponse.json(
          scorecard(platformRef, [
            metric('errorBudgetRemaining', { value: -1.885 }),
          ]),
        ),
      ),
      trends,
      http.get(`${BASE}/scorecard/events`, ({ request }) => {
        types.push(new URL(request.url).searchParams.get('type'));
        return HttpResponse.json({
          entityRef: platformRef,
          type: 'incident',
          events: [
            {
              source: 'pagerduty',
              id: 'PD-2',
              entityRef: 'component:default/checkout-service',
              severity: 'P1',
              impact: 'outage',
              triggeredAt: '2026-11-28T11:27:29.418Z',
              acknowledgedAt: null,
              mitigatedAt: null,
              resolvedAt: null,
              causedByDeployment: null,
              title: 'Checkout down',
              url: 'https://pagerduty.example.com/PD-2',
            },
            {
              source: 'pagerduty',
              id: 'PD-1',
              entityRef: 'component:default/checkout-service',
              severity: 'P2',
              impact: 'partial',
              triggeredAt: '2026-11-20T08:00:00.000Z',
              acknowledgedAt: '2026-11-20T08:05:00.000Z',
              mitigatedAt: null,
              resolvedAt: '2026-11-20T09:00:00.000Z',
              causedByDeployment: 'run-1',
              title: null,
              url: null,
            },
          ],
        });
      }),
    );
    await renderScorecardCard();
    expect(
      await screen.findByText('exhausted, 188.5 % over'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Error budget left' }),
    );
    const dialog = await screen.findByRole('dialog');
    const table = await within(dialog).findByRole('table', {
      name: 'incidents behind Error budget left',
    });
    const [open, resolved] = within(table).getAllByRole('row').slice(1);
    expect(
      within(open).getByText(formatDateTime('2026-11-28T11:27:29.418Z')),
    ).toHaveAttribute('title', '2026-11-28T11:27:29.418Z');
    expect(open).not.toHaveTextContent('2026-11-28T11:27:29.418Z');
    expect(open).toHaveTextContent('P1 outage (open)');
    expect(
      within(open).getByRole('link', { name: /^Checkout down/ }),
    ).toHaveAttribute('href', 'https://pagerduty.example.com/PD-2');
    // no title: named by its id; resolved: not marked open
    expect(resolved).toHaveTextContent('PD-1');
    expect(resolved).toHaveTextContent('P2 partial');
    expect(resolved).not.toHaveTextContent('(open)');
    expect(types).toEqual(['incident']);
  });
});

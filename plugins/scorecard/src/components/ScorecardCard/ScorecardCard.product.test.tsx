import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BASE, metric, platformRef, scorecard } from '../../testing/fixtures';
import {
  noCoverage,
  renderScorecardCard,
  trends,
} from '../../__testUtils__/renderScorecardCard';

/*
 * A Platform's product metrics on its card: their own group, the survey scores on their scales
 * with the response rate and the figures per capability, and the responses behind them with
 * comments only for readers allowed to read them.
 */

const server = setupServer();
registerMswTestHooks(server);

const productCard = () =>
  http.get(`${BASE}/scorecard/scorecard`, () =>
    HttpResponse.json(
      scorecard(platformRef, [
        metric('uptime', { value: 0.999 }),
        metric('adoptionShare', { value: 5 / 6 }),
        metric('csat', {
          value: 4.25,
          count: 8,
          details: {
            responses: 8,
            respondingTeams: 4,
            consumerTeams: 7,
            responseRate: 4 / 7,
          },
          byCapability: {
            'developer-portal': { value: 4.5, count: 6 },
            'new-service': { value: null, count: 2 },
          },
        }),
        metric('nps', { value: 33.3333 }),
        metric('customerEffort', { value: 2.5 }),
        metric('supportRequestsPerTeam', { value: 0.5714 }),
      ]),
    ),
  );

describe('ScorecardCard on a Platform', () => {
  beforeEach(() => server.use(noCoverage, trends));

  it('shows the product metrics as their own group, each on its scale', async () => {
    server.use(productCard());
    await renderScorecardCard();
    const group = await screen.findByRole('group', {
      name: 'The platform as a product',
    });
    expect(within(group).getByText('83.3 %')).toBeInTheDocument();
    expect(within(group).getByText('4.3 / 5')).toBeInTheDocument();
    expect(within(group).getByText('+33')).toBeInTheDocument();
    expect(within(group).getByText('2.5 / 7')).toBeInTheDocument();
    expect(within(group).getByText('0.6 per team')).toBeInTheDocument();
    // availability keeps its own group
    const availability = screen.getByRole('group', { name: 'Availability' });
    expect(within(availability).queryByText('4.3 / 5')).toBeNull();
  });

  it('details a survey figure by response rate and capability', async () => {
    server.use(productCard());
    await renderScorecardCard();
    const group = await screen.findByRole('group', {
      name: 'The platform as a product',
    });
    await userEvent.click(
      within(group).getAllByRole('button', { name: 'Details' })[1],
    );
    const details = await screen.findByText('Response rate');
    const list = details.closest('dl')!;
    expect(list).toHaveTextContent('57.1 % of 7 consumer teams');
    expect(list).toHaveTextContent('developer-portal4.5 / 5 (6 responses)');
    expect(list).toHaveTextContent('new-servicenot enough data (2 responses)');
  });

  it('lists the responses behind satisfaction, a hidden comment said to need its permission', async () => {
    const types: Array<string | null> = [];
    server.use(
      productCard(),
      http.get(`${BASE}/scorecard/events`, ({ request }) => {
        types.push(new URL(request.url).searchParams.get('type'));
        return HttpResponse.json({
          entityRef: platformRef,
          type: 'feedback',
          events: [
            {
              source: 'survey',
              id: 'r2',
              entityRef: platformRef,
              team: 'group:default/payments',
              respondedAt: '2026-11-21T10:00:00.000Z',
              satisfaction: 3,
              recommendation: 6,
              effort: null,
              capability: 'developer-portal',
              comment: null,
              commentHidden: true,
            },
            {
              source: 'survey',
              id: 'r1',
              entityRef: platformRef,
              team: 'group:default/checkout',
              respondedAt: '2026-11-20T10:00:00.000Z',
              satisfaction: 5,
              recommendation: null,
              effort: 2,
              capability: null,
              comment: 'Templates saved us a week',
            },
          ],
        });
      }),
    );
    await renderScorecardCard();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Satisfaction (CSAT)' }),
    );
    const table = await within(await screen.findByRole('dialog')).findByRole(
      'table',
      { name: 'survey responses behind Satisfaction (CSAT)' },
    );
    const [hidden, shown] = within(table).getAllByRole('row').slice(1);
    expect(hidden).toHaveTextContent('group:default/payments');
    expect(hidden).toHaveTextContent(
      'satisfaction 3/5, recommendation 6/10 (developer-portal)',
    );
    expect(hidden).toHaveTextContent(
      'hidden: reading comments needs opmodel.scorecard.feedback.comments.read',
    );
    expect(shown).toHaveTextContent('satisfaction 5/5, effort 2/7');
    expect(shown).toHaveTextContent('Templates saved us a week');
    expect(types).toEqual(['feedback']);
  });

  it('lists the support requests behind a support figure, open ones marked', async () => {
    server.use(
      productCard(),
      http.get(`${BASE}/scorecard/events`, () =>
        HttpResponse.json({
          entityRef: platformRef,
          type: 'supportRequest',
          events: [
            {
              source: 'helpdesk',
              id: 'REQ-2',
              entityRef: platformRef,
              team: 'group:default/payments',
              channel: 'slack',
              openedAt: '2026-11-21T10:00:00.000Z',
              firstResponseAt: null,
              resolvedAt: null,
              title: null,
              url: null,
            },
            {
              source: 'helpdesk',
              id: 'REQ-1',
              entityRef: platformRef,
              team: 'group:default/checkout',
              channel: 'jira',
              openedAt: '2026-11-20T10:00:00.000Z',
              firstResponseAt: '2026-11-20T12:00:00.000Z',
              resolvedAt: '2026-11-21T10:00:00.000Z',
              title: 'Cannot push images',
              url: 'https://jira.example.com/REQ-1',
            },
          ],
        }),
      ),
    );
    await renderScorecardCard();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Support requests per team' }),
    );
    const table = await within(await screen.findByRole('dialog')).findByRole(
      'table',
      { name: 'support requests behind Support requests per team' },
    );
    const [open, resolved] = within(table).getAllByRole('row').slice(1);
    expect(open).toHaveTextContent('slack, not answered yet, open');
    expect(resolved).toHaveTextContent(
      'jira, answered after 2 h, resolved after 1 day',
    );
    expect(
      within(resolved).getByRole('link', { name: /^Cannot push images/ }),
    ).toHaveAttribute('href', 'https://jira.example.com/REQ-1');
  });
});

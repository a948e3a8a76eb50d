import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import {
  engineer,
  expectFields,
  fundingLine,
  platform,
  productOwner,
  renderOnEntityPage,
  ROLE_ASSIGNING_FIELDS,
  serveBackends,
} from '../../__testUtils__/harness';
import { OperatingRoleContent } from './OperatingRoleContent';

const server = setupServer();
registerMswTestHooks(server);

describe('OperatingRoleContent', () => {
  it('shows the responsibilities as a RACI table, each letter in its column', async () => {
    serveBackends(server);
    await renderOnEntityPage(productOwner, <OperatingRoleContent />);
    const table = screen.getByRole('table', {
      name: 'Responsibilities (RACI)',
    });
    const header = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(header).toEqual(['Activity', 'R', 'A', 'C', 'I']);
    const roadmap = within(table).getByText('roadmap').closest('tr')!;
    const cells = within(roadmap)
      .getAllByRole('cell')
      .map(c => c.textContent);
    expect(cells).toEqual(['roadmapwhat comes next', '', 'A', '', '']);
    const onboarding = within(table).getByText('onboarding').closest('tr')!;
    expect(
      within(onboarding)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['onboarding', '', '', 'C', '']);
    expect(
      screen.getByText(/Required for production platforms/),
    ).toBeInTheDocument();
  });

  it('lists every platform and funding line where the role is held, by whom and when', async () => {
    serveBackends(server);
    await renderOnEntityPage(productOwner, <OperatingRoleContent />);
    const table = await screen.findByRole('table', {
      name: 'Where the role is held',
    });
    const row = within(table).getByText('Developer Platform').closest('tr')!;
    expect(within(row).getByText(/jane/)).toBeInTheDocument();
    const when = within(row).getByText('until 2020-12-31 (ended)');
    // the period's cell, kept on one line
    expect(when.tagName).toBe('TD');
    expect(when).toHaveStyle({ whiteSpace: 'nowrap' });
  });

  it('asks the catalog only for what assigns the role, and only the fields it shows', async () => {
    const asked = serveBackends(server);
    await renderOnEntityPage(productOwner, <OperatingRoleContent />);
    await screen.findByRole('table', { name: 'Where the role is held' });
    expect(asked.catalog).toHaveLength(1);
    expect(asked.catalog[0].filter).toEqual([
      'kind=Platform,kind=FundingLine,relations.assignsRole=operatingrole:default/platform-product-owner',
    ]);
    expectFields(asked.catalog[0], ROLE_ASSIGNING_FIELDS);
  });

  it('says so when nothing assigns the role', async () => {
    serveBackends(server, { entities: [platform, fundingLine] });
    const unused = {
      ...engineer,
      metadata: { ...engineer.metadata, name: 'unused' },
    };
    await renderOnEntityPage(unused, <OperatingRoleContent />);
    expect(
      await screen.findByText('No platform or funding line assigns this role.'),
    ).toBeInTheDocument();
  });

  it('shows progress in the holders card until the catalog answers', async () => {
    let release!: () => void;
    const hold = new Promise<void>(r => {
      release = r;
    });
    serveBackends(server, { hold });
    await renderOnEntityPage(productOwner, <OperatingRoleContent />);
    expect(
      screen.getByRole('status', { name: 'Loading Where it is held' }),
    ).toBeInTheDocument();
    release();
    expect(
      await screen.findByRole('table', { name: 'Where the role is held' }),
    ).toBeInTheDocument();
  });

  it('shows the catalog error in the holders card', async () => {
    serveBackends(server, { catalogStatus: 503 });
    await renderOnEntityPage(productOwner, <OperatingRoleContent />);
    expect(
      await screen.findByText(/Could not load where it is held/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Responsibilities (RACI)' }),
    ).toBeInTheDocument();
  });
});

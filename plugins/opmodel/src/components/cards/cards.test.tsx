import type { Entity } from '@backstage/catalog-model';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import {
  BASE,
  expectFields,
  fundingLine,
  platform,
  renderOnEntityPage,
  ROLE_ASSIGNING_FIELDS,
  serveBackends,
} from '../../__testUtils__/harness';
import {
  GroupOperatingModelCard,
  IncludedInPlatformsCard,
  UserRolesCard,
} from '.';

const server = setupServer();
registerMswTestHooks(server);

const jane: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'jane', namespace: 'default' },
  spec: {},
  relations: [
    { type: 'holdsRoleIn', targetRef: 'platform:default/developer-platform' },
  ],
};
const carol: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'carol', namespace: 'default' },
  spec: {},
  relations: [
    { type: 'holdsRoleIn', targetRef: 'fundingline:default/platform-run' },
  ],
};
const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'platform-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: [
    { type: 'hasMember', targetRef: 'user:default/jane' },
    { type: 'hasMember', targetRef: 'user:default/carol' },
    { type: 'ownerOf', targetRef: 'platform:default/developer-platform' },
    { type: 'ownerOf', targetRef: 'component:default/argo-cd' },
    { type: 'consumesPlatform', targetRef: 'platform:default/data-platform' },
    { type: 'holdsRoleIn', targetRef: 'platform:default/developer-platform' },
  ],
};
const ENTITIES = [platform, fundingLine, jane, carol, team];

describe('UserRolesCard', () => {
  it('lists the roles the user holds, where and when', async () => {
    serveBackends(server, { entities: ENTITIES });
    await renderOnEntityPage(jane, <UserRolesCard />);
    const table = await screen.findByRole('table', {
      name: 'Operating roles held',
    });
    const row = within(table)
      .getByText(/platform-product-owner/)
      .closest('tr')!;
    expect(within(row).getByText('Developer Platform')).toBeInTheDocument();
    expect(
      within(row).getByText('until 2020-12-31 (ended)'),
    ).toBeInTheDocument();
  });

  it('asks the catalog only for the fields it shows of where the user holds roles', async () => {
    const asked = serveBackends(server, { entities: ENTITIES });
    await renderOnEntityPage(jane, <UserRolesCard />);
    await screen.findByRole('table', { name: 'Operating roles held' });
    expect(asked.catalog).toHaveLength(1);
    expect(asked.catalog[0].entityRefs).toEqual([
      'platform:default/developer-platform',
    ]);
    expectFields(asked.catalog[0], ROLE_ASSIGNING_FIELDS);
  });

  it('says so when the user holds none', async () => {
    serveBackends(server, { entities: ENTITIES });
    await renderOnEntityPage({ ...jane, relations: [] }, <UserRolesCard />);
    expect(
      await screen.findByText('No operating roles held.'),
    ).toBeInTheDocument();
  });
});

describe('loading and errors', () => {
  it('shows progress while the catalog answers, then its error', async () => {
    let release!: () => void;
    const hold = new Promise<void>(r => {
      release = r;
    });
    serveBackends(server, { entities: ENTITIES, hold });
    server.use(
      http.post(`${BASE}/catalog/entities/by-refs`, async () => {
        await hold;
        return HttpResponse.json(
          { error: { name: 'Error', message: 'catalog is down' } },
          { status: 500 },
        );
      }),
    );
    await renderOnEntityPage(team, <GroupOperatingModelCard />);
    expect(
      screen.getByRole('status', { name: 'Loading Operating model' }),
    ).toBeInTheDocument();
    release();
    expect(
      await screen.findByText(/Could not load operating model/),
    ).toBeInTheDocument();
  });
});

describe('GroupOperatingModelCard', () => {
  it('shows the platforms the group owns and consumes, and the roles it and its members hold', async () => {
    serveBackends(server, { entities: ENTITIES });
    await renderOnEntityPage(team, <GroupOperatingModelCard />);
    const table = await screen.findByRole('table', {
      name: 'Operating roles held',
    });
    const holders = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(r => within(r).getAllByRole('cell')[1].textContent);
    expect(holders).toEqual(
      expect.arrayContaining([
        expect.stringContaining('platform-team'),
        expect.stringContaining('jane'),
        expect.stringContaining('carol'),
      ]),
    );
    expect(holders).toHaveLength(3);
    // owned: only the platform, not the component
    const owns = screen.getByText('Platforms it owns').nextElementSibling!;
    expect(owns.textContent).toMatch(/developer-platform|Developer Platform/);
    expect(owns.textContent).not.toContain('argo-cd');
    const consumes = screen.getByText('Platforms it consumes')
      .nextElementSibling!;
    expect(consumes.textContent).toContain('data-platform');
  });

  it('asks the catalog only for the fields it reads of members and of where they hold roles', async () => {
    const asked = serveBackends(server, { entities: ENTITIES });
    await renderOnEntityPage(team, <GroupOperatingModelCard />);
    await screen.findByRole('table', { name: 'Operating roles held' });
    const [members, where] = asked.catalog;
    expect(members.entityRefs).toEqual([
      'user:default/jane',
      'user:default/carol',
    ]);
    expectFields(members, ['kind', 'metadata.name', 'relations']);
    expectFields(where, ROLE_ASSIGNING_FIELDS);
  });
});

describe('IncludedInPlatformsCard', () => {
  it('lists the platforms that include a component', async () => {
    const argo: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'argo-cd', namespace: 'default' },
      spec: {},
      relations: [
        {
          type: 'includedIn',
          targetRef: 'platform:default/developer-platform',
        },
      ],
    };
    serveBackends(server, { entities: ENTITIES });
    await renderOnEntityPage(argo, <IncludedInPlatformsCard />);
    const list = screen.getByRole('list', {
      name: 'Platforms that include it',
    });
    expect(
      await within(list).findByText(/developer-platform|Developer Platform/),
    ).toBeInTheDocument();
  });

  it('says so when no platform includes it', async () => {
    serveBackends(server, { entities: ENTITIES });
    await renderOnEntityPage(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 's' },
        spec: {},
      },
      <IncludedInPlatformsCard />,
    );
    expect(
      screen.getByText('No platform includes this system.'),
    ).toBeInTheDocument();
  });
});

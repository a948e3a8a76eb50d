import type { Entity } from '@backstage/catalog-model';
import { registerMswTestHooks } from '@backstage/test-utils';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import opmodelFeature, {
  fundingAmountsApi,
  fundingLineContent,
  groupCard,
  includedInCard,
  operatingRoleContent,
  platformContent,
  userCard,
} from './alpha';
import { EntityPlatformContent, fundingAmountsApiRef } from './index';
import {
  platform,
  renderOnEntityPage,
  serveBackends,
} from './__testUtils__/harness';

const server = setupServer();
registerMswTestHooks(server);

describe('the classic frontend system', () => {
  it('renders EntityPlatformContent on a Platform page', async () => {
    serveBackends(server);
    await renderOnEntityPage(platform, <EntityPlatformContent />);
    expect(
      await screen.findByText('Ship a new service on day one.'),
    ).toBeInTheDocument();
  });
});

describe('the new frontend system', () => {
  const KINDS = [
    'Platform',
    'OperatingRole',
    'FundingLine',
    'Group',
    'User',
    'Component',
    'System',
    'API',
  ];
  /** The kinds, of those above, whose entity pages the extension shows on. */
  const shownOn = (filter: (entity: Entity) => boolean) =>
    KINDS.filter(kind =>
      // kinds are matched regardless of case, as the catalog matches them
      filter({
        apiVersion: 'opmodel.dev/v1alpha1',
        kind: kind.toLocaleLowerCase('en-US'),
        metadata: { name: 'x' },
      }),
    );

  it.each<[any, string, string, string[]]>([
    [platformContent, '/operating-model', 'Operating model', ['Platform']],
    [operatingRoleContent, '/role', 'Role', ['OperatingRole']],
    [fundingLineContent, '/funding', 'Funding', ['FundingLine']],
  ])('adds a tab for its kind only', (extension, path, title, kinds) => {
    const tester = createExtensionTester(extension);
    expect(tester.get(coreExtensionData.routePath)).toBe(path);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(title);
    expect(
      shownOn(tester.get(EntityContentBlueprint.dataRefs.filterFunction)),
    ).toEqual(kinds);
  });

  it.each<[any, string[]]>([
    [groupCard, ['Group']],
    [userCard, ['User']],
    [includedInCard, ['Component', 'System']],
  ])('adds a card for its kinds only', (extension, kinds) => {
    expect(
      shownOn(
        createExtensionTester(extension).get(
          EntityCardBlueprint.dataRefs.filterFunction,
        ),
      ),
    ).toEqual(kinds);
  });

  it('is one plugin with its API and all six extensions', () => {
    expect(opmodelFeature.id).toBe('opmodel');
  });

  it('provides the funding-amounts client', () => {
    const factory = createExtensionTester(fundingAmountsApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api).toBe(fundingAmountsApiRef);
  });
});

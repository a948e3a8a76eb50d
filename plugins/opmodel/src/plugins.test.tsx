import { registerMswTestHooks } from '@backstage/test-utils';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import opmodelFeature, {
  fundingLineContent,
  groupCard,
  includedInCard,
  operatingRoleContent,
  platformContent,
  userCard,
} from './alpha';
import { EntityPlatformContent } from './index';
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
  it.each<[any, string, string, string]>([
    [platformContent, '/operating-model', 'Operating model', 'kind:platform'],
    [operatingRoleContent, '/role', 'Role', 'kind:operatingrole'],
    [fundingLineContent, '/funding', 'Funding', 'kind:fundingline'],
  ])('adds a tab for its kind only', (extension, path, title, filter) => {
    const tester = createExtensionTester(extension);
    expect(tester.get(coreExtensionData.routePath)).toBe(path);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(title);
    expect(tester.get(EntityContentBlueprint.dataRefs.filterExpression)).toBe(
      filter,
    );
  });

  it.each<[any, string]>([
    [groupCard, 'kind:group'],
    [userCard, 'kind:user'],
    [includedInCard, 'kind:component,system'],
  ])('adds a card for its kinds only', (extension, filter) => {
    expect(
      createExtensionTester(extension).get(
        EntityCardBlueprint.dataRefs.filterExpression,
      ),
    ).toBe(filter);
  });

  it('is one plugin with all six extensions', () => {
    expect(opmodelFeature.id).toBe('opmodel');
  });
});

import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { BenchmarkProfile } from '@opmodel/plugin-scorecard-common';
import type { TimeWindow } from '../metrics/types';
import type { CredentialsAuthorizer } from '../permissions/RequestAuthorizer';
import { parseWindowQuery } from '../router/windowQuery';
import type { ScorecardServices } from '../service/createScorecardServices';

/** What the scorecard's actions read, and where they are registered. */
export type ScorecardActionsOptions = {
  actionsRegistry: ActionsRegistryService;
  services: ScorecardServices;
  /** The same permission checks as the HTTP API's, on the credentials an action is called with. */
  authorizer: CredentialsAuthorizer;
  /** The catalog, asked with the caller's credentials so that its own permissions apply. */
  catalog: CatalogService;
  /** The benchmark profile grades use. */
  profile: BenchmarkProfile;
  defaultWindowDays: number;
};

/** The window an action's input asks for, parsed as the HTTP API parses it (InputError naming the field). */
export function actionWindow(
  options: ScorecardActionsOptions,
  input: { from?: string; to?: string },
): TimeWindow {
  return parseWindowQuery(input, {
    now: options.services.scorecards.now(),
    defaultWindowDays: options.defaultWindowDays,
  });
}

/**
 * The entity reference an action's input names, written out in full (kind:namespace/name, the
 * namespace `default` when left out); one that cannot be read is refused naming the field.
 */
export function actionEntityRef(
  entityRef: string,
  defaults: { defaultKind?: string } = {},
): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(entityRef.trim(), {
        defaultKind: defaults.defaultKind,
        defaultNamespace: 'default',
      }),
    );
  } catch {
    throw new InputError(
      `entityRef: '${entityRef}' is not an entity reference; write kind:namespace/name, for example platform:default/developer-platform`,
    );
  }
}

import type { Request } from 'express';
import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';

/**
 * The permission checks of the scorecard's reads and writes, for a caller whose credentials are
 * known: the HTTP API's (through {@link RequestAuthorizer}) and the actions'. Reading an entity's
 * figures also needs, like the entity's page, the catalog's permission to read that entity, asked
 * in the same permission request; an entity the caller may not see is answered as the catalog
 * answers it: not found.
 */
export class CredentialsAuthorizer {
  constructor(private readonly permissions: PermissionsService) {}

  /** Throws unless `credentials` hold `permission` (and may read `entityRef`). */
  async authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission,
    entityRef?: string,
  ): Promise<void> {
    const [decision, entity] = await this.permissions.authorize(
      [
        { permission },
        ...(entityRef === undefined
          ? []
          : [
              {
                permission: catalogEntityReadPermission,
                resourceRef: entityRef.toLocaleLowerCase('en-US'),
              },
            ]),
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`This needs the ${permission.name} permission`);
    }
    if (entity && entity.result !== AuthorizeResult.ALLOW) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
  }

  /** Whether `credentials` hold `permission` (for what a read shows, not whether it may). */
  async allows(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** The entities among `entityRefs` the caller may read in the catalog, in one request. */
  async readable<T extends { entityRef: string }>(
    credentials: BackstageCredentials,
    entities: T[],
  ): Promise<T[]> {
    if (entities.length === 0) return [];
    const decisions = await this.permissions.authorize(
      entities.map(e => ({
        permission: catalogEntityReadPermission,
        resourceRef: e.entityRef,
      })),
      { credentials },
    );
    return entities.filter(
      (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
    );
  }
}

/** The scorecard's permission checks for an HTTP request: its caller, then their permissions. */
export class RequestAuthorizer {
  private readonly checks: CredentialsAuthorizer;

  constructor(
    private readonly httpAuth: HttpAuthService,
    permissions: PermissionsService,
  ) {
    this.checks = new CredentialsAuthorizer(permissions);
  }

  /** The caller, a user or a service; anonymous callers are refused with 401. */
  credentials(req: Request): Promise<BackstageCredentials> {
    return this.httpAuth.credentials(req, { allow: ['user', 'service'] });
  }

  /** The caller's credentials, once they hold `permission` (and may read `entityRef`). */
  async authorize(
    req: Request,
    permission: BasicPermission,
    entityRef?: string,
  ): Promise<BackstageCredentials> {
    const credentials = await this.credentials(req);
    await this.checks.authorize(credentials, permission, entityRef);
    return credentials;
  }

  /** Whether `credentials` hold `permission` (for what a read shows, not whether it may). */
  allows(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    return this.checks.allows(credentials, permission);
  }

  /** The entities among `entityRefs` the caller may read in the catalog, in one request. */
  readable<T extends { entityRef: string }>(
    credentials: BackstageCredentials,
    entities: T[],
  ): Promise<T[]> {
    return this.checks.readable(credentials, entities);
  }

  /** The name a write is recorded under: the user, or the service's subject. */
  static principalName(credentials: BackstageCredentials): string {
    const principal = credentials.principal as {
      userEntityRef?: string;
      subject?: string;
    };
    return principal.userEntityRef ?? principal.subject ?? 'service';
  }
}

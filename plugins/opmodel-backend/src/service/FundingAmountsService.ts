import type {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  fundingAmountsReadPermission,
  isFundingLineEntity,
  validateOpmodelEntity,
  type FundingAmounts,
} from '@opmodel/plugin-opmodel-common';
import { BadSourceError } from './errors';
import { findDeclaration } from './findDeclaration';
import { sourceLocationOf, type SourceLocation } from './sourceLocation';
import type { SourceReader } from './SourceReader';

/** The amounts of one asked FundingLine, or why there are none. */
export type FundingAmountsResult = FundingAmounts | Error;

/**
 * Serves FundingLine amounts from the entities' source files. The caller needs the amounts
 * permission, and must be allowed to read the entity in the catalog: entities are read with the
 * caller's own credentials, so one the caller may not see is as absent as one that does not exist.
 */
export class FundingAmountsService {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      permissions: PermissionsService;
      sources: SourceReader;
      logger: LoggerService;
    },
  ) {}

  /** Throws NotAllowedError (403) unless the caller may see amounts. */
  async assertMayReadAmounts(credentials: BackstageCredentials): Promise<void> {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: fundingAmountsReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Seeing FundingLine amounts needs the ${fundingAmountsReadPermission.name} permission`,
      );
    }
  }

  /**
   * The amounts of each FundingLine, in the order asked; each file is read once however many of
   * its FundingLines are asked for. Refs must be full FundingLine refs, and the caller must have
   * passed {@link FundingAmountsService.assertMayReadAmounts}.
   */
  async amountsOf(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<FundingAmountsResult[]> {
    let entities: Array<Entity | undefined>;
    try {
      const response = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs },
        { credentials },
      );
      entities = response.items;
    } catch (e) {
      throw new ServiceUnavailableError(
        `The catalog could not be asked for the FundingLines: ${
          (e as Error).message
        }`,
      );
    }
    return Promise.all(
      entityRefs.map((ref, i) => this.amountsOfEntity(ref, entities[i])),
    );
  }

  private async amountsOfEntity(
    entityRef: string,
    entity: Entity | undefined,
  ): Promise<FundingAmountsResult> {
    try {
      if (!isFundingLineEntity(entity)) {
        // the same answer for absent, hidden from the caller, and not a FundingLine after all
        throw new NotFoundError(`No FundingLine ${entityRef} in the catalog`);
      }
      const location = sourceLocationOf(entity);
      const text = await this.deps.sources.read(location);
      return amountsFromDeclaration(
        findDeclaration(
          text,
          getCompoundEntityRef(entity),
          describeLocation(location),
        ),
        entity,
        location,
      );
    } catch (e) {
      if (e instanceof BadSourceError || e instanceof ServiceUnavailableError) {
        this.deps.logger.warn(
          `Amounts of ${entityRef} could not be served: ${e.message}`,
        );
      }
      return e as Error;
    }
  }
}

function describeLocation(location: SourceLocation): string {
  return `${location.type}:${location.target}`;
}

/** The periods and currency of a source declaration, once they pass the catalog's own checks. */
function amountsFromDeclaration(
  declaration: Record<string, any>,
  entity: Entity,
  location: SourceLocation,
): FundingAmounts {
  const entityRef = stringifyEntityRef(entity);
  // issues elsewhere in the spec are the catalog's business; these decide what is served
  const issues = validateOpmodelEntity(declaration).filter(i =>
    /^(<root>|kind|spec)$|^spec\.(periods|currency)\b/.test(i.path),
  );
  if (issues.length) {
    throw new BadSourceError(
      `The declaration of ${entityRef} in ${describeLocation(
        location,
      )} is not valid: ${issues
        .map(i => `${i.path}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return {
    entityRef,
    currency: declaration.spec.currency,
    periods: (declaration.spec.periods as FundingAmounts['periods']).map(
      ({ start, end, amount }) => ({ start, end, amount }),
    ),
  };
}

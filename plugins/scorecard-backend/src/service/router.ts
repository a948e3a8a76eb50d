import express from 'express';
import type { ErrorRequestHandler } from 'express';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import type {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  METRIC_DEFINITIONS,
  METRIC_IDS,
  scorecardPeriodFreezePermission,
  scorecardReadPermission,
  type BenchmarkProfile,
  type MetricId,
} from '@opmodel/plugin-scorecard-common';
import { spec } from '../schema/openapi';
import { PayloadTooLargeError } from './errors';
import { hideInternalErrors } from './internalErrors';
import { rejectUnstorableQueryText } from './queryText';
import type { CoverageService } from './CoverageService';
import type { IngestionService } from './IngestionService';
import type { EventSourceAuthorizer } from '../permissions/EventSourceAuthorizer';
import type { ScorecardServices } from './createScorecardServices';

export type RouterOptions = {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  services: ScorecardServices;
  ingestion: IngestionService;
  coverage: CoverageService;
  eventSources: EventSourceAuthorizer;
  profiles: BenchmarkProfile[];
  profile: BenchmarkProfile;
  maxBodySize: string;
};

/** body-parser's own errors, reworded so they name the limit and the fix. */
function bodyErrors(maxBodySize: string): ErrorRequestHandler {
  return (error, _req, _res, next) => {
    if (error?.type === 'entity.too.large') {
      next(
        new PayloadTooLargeError(
          `The request body is larger than ${maxBodySize}; split the batch into smaller ones.`,
        ),
      );
    } else if (error?.type === 'entity.parse.failed') {
      next(
        new InputError(
          `The request body is not valid JSON (${error.message}); send a JSON object.`,
        ),
      );
    } else {
      next(error);
    }
  };
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, services, ingestion, maxBodySize } = options;
  // The body is parsed outside the OpenAPI router: its error transformer would turn a 413 into a 400.
  const outer = express.Router();
  outer.use(express.json({ limit: maxBodySize }), bodyErrors(maxBodySize));
  outer.use(rejectUnstorableQueryText);
  const router = createValidatedOpenApiRouter(spec, {
    middleware: [(_req, _res, next) => next()],
  });
  outer.use(router);
  outer.use(hideInternalErrors(options.logger));

  /**
   * The caller's credentials, once they hold `permission`. Reading an entity's figures also needs,
   * like the entity's page, the catalog's permission to read that entity, asked in the same
   * permission request; an entity the caller may not see is answered as the catalog answers it:
   * not found.
   */
  const authorize = async (
    req: express.Request,
    permission: BasicPermission,
    entityRef?: string,
  ): Promise<BackstageCredentials> => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision, entity] = await permissions.authorize(
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
    return credentials;
  };

  router.post('/events', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    // a batch without a usable source is refused by its validation, naming the field
    const source = typeof req.body?.source === 'string' ? req.body.source : '';
    await options.eventSources.authorize(credentials, source);
    res.json(
      await ingestion.write(
        req.body,
        options.eventSources.writerOf(credentials),
      ),
    );
  });

  router.get('/events', async (req, res) => {
    const { entityRef, type, from, to, limit } = req.query;
    await authorize(req, scorecardReadPermission, entityRef);
    const entity = await services.scorecards.entity(entityRef);
    const window = services.scorecards.window(from, to);
    res.json({
      entityRef: entity.entityRef,
      type,
      events: await services.scorecards.listEvents(
        entity.entityRef,
        type,
        window,
        Math.min(Number(limit ?? 100), 1000),
      ),
    });
  });

  router.get('/scorecard', async (req, res) => {
    const { entityRef, from, to, period } = req.query;
    await authorize(req, scorecardReadPermission, entityRef);
    if (period) {
      res.json(
        await services.frozenPeriods.getFrozenScorecard(period, entityRef),
      );
      return;
    }
    res.json(
      await services.scorecards.getScorecard(
        entityRef,
        services.scorecards.window(from, to),
      ),
    );
  });

  router.get('/trend', async (req, res) => {
    const { entityRef, metric, from, to } = req.query;
    await authorize(req, scorecardReadPermission, entityRef);
    res.json(
      await services.snapshots.getTrend(
        entityRef,
        metric as MetricId,
        services.scorecards.window(from, to),
      ),
    );
  });

  router.get('/trends', async (req, res) => {
    const { entityRef, metrics, from, to } = req.query;
    await authorize(req, scorecardReadPermission, entityRef);
    res.json(
      await services.snapshots.getTrends(
        entityRef,
        metrics ?? METRIC_IDS,
        services.scorecards.window(from, to),
      ),
    );
  });

  router.get('/portfolio', async (req, res) => {
    const credentials = await authorize(req, scorecardReadPermission);
    const portfolio = await services.portfolio.getPortfolio(
      services.scorecards.window(req.query.from, req.query.to),
    );
    // only the platforms the caller may see in the catalog, decided in one permission request
    const decisions = portfolio.platforms.length
      ? await permissions.authorize(
          portfolio.platforms.map(p => ({
            permission: catalogEntityReadPermission,
            resourceRef: p.entityRef,
          })),
          { credentials },
        )
      : [];
    res.json({
      ...portfolio,
      platforms: portfolio.platforms.filter(
        (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
      ),
    });
  });

  router.get('/definitions', async (req, res) => {
    await authorize(req, scorecardReadPermission);
    res.json({
      metrics: Object.values(METRIC_DEFINITIONS),
      profiles: options.profiles,
      profile: options.profile.id,
    });
  });

  router.get('/coverage', async (req, res) => {
    const { entityRef } = req.query;
    await authorize(req, scorecardReadPermission, entityRef);
    const entity = await services.scorecards.entity(entityRef);
    res.json(await options.coverage.coverage(entity.entityRef));
  });

  router.get('/periods', async (req, res) => {
    await authorize(req, scorecardReadPermission);
    res.json({ periods: await services.frozenPeriods.listPeriods() });
  });

  router.post('/periods', async (req, res) => {
    const credentials = await authorize(req, scorecardPeriodFreezePermission);
    const { name, from, to } = req.body;
    const principal = credentials.principal as {
      userEntityRef?: string;
      subject?: string;
    };
    const by = principal.userEntityRef ?? principal.subject ?? 'service';
    res.json(
      await services.frozenPeriods.freeze(
        name,
        services.scorecards.window(from, to),
        by,
      ),
    );
  });

  return outer;
}

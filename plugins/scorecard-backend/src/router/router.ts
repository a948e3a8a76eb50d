import express from 'express';
import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  METRIC_DEFINITIONS,
  METRIC_IDS,
  scorecardFeedbackCommentsReadPermission,
  scorecardPeriodFreezePermission,
  scorecardReadPermission,
  type BenchmarkProfile,
  type MetricId,
} from '@opmodel/plugin-scorecard-common';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';
import type { EventSourceAuthorizer } from '../permissions/EventSourceAuthorizer';
import type { CoverageService } from '../service/CoverageService';
import type { AdoptionService } from '../adoption/AdoptionService';
import type { IngestionService } from '../ingestion/IngestionService';
import type { ScorecardServices } from '../service/createScorecardServices';
import { bodyErrors } from './bodyErrors';
import { hideInternalErrors } from './internalErrors';
import { rejectUnstorableQueryText } from './queryText';
import { parseWindowQuery } from './windowQuery';

export type RouterOptions = {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  services: ScorecardServices;
  ingestion: IngestionService;
  coverage: CoverageService;
  adoption: AdoptionService;
  eventSources: EventSourceAuthorizer;
  profiles: BenchmarkProfile[];
  profile: BenchmarkProfile;
  maxBodySize: string;
  defaultWindowDays: number;
};

/** The most events one `GET /events` lists, and how many when the caller does not say. */
const EVENT_LIST_MAX = 1000;
const EVENT_LIST_DEFAULT = 100;

/**
 * The scorecard's HTTP API, as its OpenAPI document (src/schema/openapi.yaml) describes it: the
 * generated router checks every parameter and body against the document; the handlers parse
 * windows and check permissions, then call the services with typed values.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { services, ingestion, maxBodySize } = options;
  const auth = new RequestAuthorizer(options.httpAuth, options.permissions);
  const window = (query: { from?: string; to?: string }) =>
    parseWindowQuery(query, {
      now: services.scorecards.now(),
      defaultWindowDays: options.defaultWindowDays,
    });

  // The body is parsed outside the OpenAPI router: its error transformer would turn a 413 into a 400.
  const outer = express.Router();
  outer.use(express.json({ limit: maxBodySize }), bodyErrors(maxBodySize));
  outer.use(rejectUnstorableQueryText);

  // The event batch is the one body not checked by the generated router. Its right to write the
  // batch's source is decided first, then the ingestion service checks every item and answers
  // with each bad one's path and fix, and the size limit before reading thousands of items.
  // IngestRequest in the document describes the same batch (ingestionContract.test.ts holds the
  // two together).
  outer.post('/events', async (req, res, next) => {
    try {
      const credentials = await auth.credentials(req);
      // a batch without a usable source is refused by its validation, naming the field
      const source =
        typeof req.body?.source === 'string' ? req.body.source : '';
      await options.eventSources.authorize(credentials, source);
      res.json(
        await ingestion.write(
          req.body,
          options.eventSources.writerOf(credentials),
        ),
      );
    } catch (error) {
      next(error);
    }
  });

  const router = await createOpenApiRouter({
    middleware: [(_req, _res, next) => next()],
  });
  outer.use(router);
  outer.use(hideInternalErrors(options.logger));

  router.get('/events', async (req, res) => {
    const { entityRef, type, limit } = req.query;
    const credentials = await auth.authorize(
      req,
      scorecardReadPermission,
      entityRef,
    );
    const entity = await services.scorecards.entity(entityRef);
    const withComments =
      type === 'feedback' &&
      (await auth.allows(credentials, scorecardFeedbackCommentsReadPermission));
    res.json({
      entityRef: entity.entityRef,
      type,
      events: await services.scorecards.listEvents(
        entity.entityRef,
        type,
        window(req.query),
        Math.min(Number(limit ?? EVENT_LIST_DEFAULT), EVENT_LIST_MAX),
        { withComments },
      ),
    });
  });

  router.get('/scorecard', async (req, res) => {
    const { entityRef, period } = req.query;
    await auth.authorize(req, scorecardReadPermission, entityRef);
    if (period) {
      res.json(
        await services.frozenPeriods.getFrozenScorecard(period, entityRef),
      );
      return;
    }
    res.json(
      await services.scorecards.getScorecard(entityRef, window(req.query)),
    );
  });

  router.get('/trend', async (req, res) => {
    const { entityRef, metric } = req.query;
    await auth.authorize(req, scorecardReadPermission, entityRef);
    res.json(
      await services.snapshots.getTrend(
        entityRef,
        metric as MetricId,
        window(req.query),
      ),
    );
  });

  router.get('/trends', async (req, res) => {
    const { entityRef, metrics } = req.query;
    await auth.authorize(req, scorecardReadPermission, entityRef);
    res.json(
      await services.snapshots.getTrends(
        entityRef,
        (metrics as MetricId[] | undefined) ?? METRIC_IDS,
        window(req.query),
      ),
    );
  });

  router.get('/portfolio', async (req, res) => {
    const credentials = await auth.authorize(req, scorecardReadPermission);
    const portfolio = await services.portfolio.getPortfolio(window(req.query));
    res.json({
      ...portfolio,
      platforms: await auth.readable(credentials, portfolio.platforms),
    });
  });

  router.get('/definitions', async (req, res) => {
    await auth.authorize(req, scorecardReadPermission);
    res.json({
      metrics: Object.values(METRIC_DEFINITIONS),
      profiles: options.profiles,
      profile: options.profile.id,
    });
  });

  router.get('/coverage', async (req, res) => {
    const { entityRef } = req.query;
    await auth.authorize(req, scorecardReadPermission, entityRef);
    const entity = await services.scorecards.entity(entityRef);
    res.json(await options.coverage.coverage(entity.entityRef));
  });

  router.get('/adoption', async (req, res) => {
    const { entityRef } = req.query;
    await auth.authorize(req, scorecardReadPermission, entityRef);
    const range = window(req.query);
    const entity = await services.scorecards.entity(entityRef);
    res.json(await options.adoption.adoption(entity, range));
  });

  router.get('/adoptions', async (req, res) => {
    const credentials = await auth.authorize(req, scorecardReadPermission);
    res.json({
      platforms: await auth.readable(
        credentials,
        await options.adoption.summaries(),
      ),
    });
  });

  router.get('/periods', async (req, res) => {
    await auth.authorize(req, scorecardReadPermission);
    res.json({ periods: await services.frozenPeriods.listPeriods() });
  });

  router.post('/periods', async (req, res) => {
    const credentials = await auth.authorize(
      req,
      scorecardPeriodFreezePermission,
    );
    const { name, from, to } = req.body;
    res.json(
      await services.frozenPeriods.freeze(
        name,
        window({ from, to }),
        RequestAuthorizer.principalName(credentials),
      ),
    );
  });

  return outer;
}

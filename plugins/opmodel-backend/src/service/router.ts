import express from 'express';
import Router from 'express-promise-router';
import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  FUNDING_AMOUNTS_BATCH_LIMIT,
  FUNDING_AMOUNTS_BY_REFS_PATH,
  FUNDING_AMOUNTS_PATH,
  type FundingAmountsBatch,
} from '@opmodel/plugin-opmodel-common';
import { errorResponse, publicError } from './errorResponse';
import type { FundingAmountsService } from './FundingAmountsService';
import { parseFundingLineRef } from './fundingLineRef';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  logger: LoggerService;
  fundingAmounts: FundingAmountsService;
};

/** The refs of a batch request body: a non-empty list of FundingLine refs, within the limit. */
function batchRefs(body: unknown): string[] {
  const refs = (body as { entityRefs?: unknown })?.entityRefs;
  if (!Array.isArray(refs) || refs.length === 0) {
    throw new InputError(
      'The body must be { "entityRefs": [...] } with at least one FundingLine ref',
    );
  }
  if (refs.length > FUNDING_AMOUNTS_BATCH_LIMIT) {
    throw new InputError(
      `Ask for at most ${FUNDING_AMOUNTS_BATCH_LIMIT} FundingLines at once (got ${refs.length})`,
    );
  }
  return refs.map(parseFundingLineRef);
}

/**
 * The opmodel backend's routes:
 * `GET /funding/amounts?entityRef=…` answers one FundingLine's amounts or its error status;
 * `POST /funding/amounts/by-refs` with `{ entityRefs }` answers several, each item the amounts or
 * the error of that line. Both answer 403 to a caller without the amounts permission.
 */
export function createRouter(options: RouterOptions): express.Router {
  const { httpAuth, auditor, logger, fundingAmounts } = options;
  const router = Router();
  router.use(express.json({ limit: '100kb' }));

  /** Reads amounts with the caller's credentials, recording who read which lines. */
  async function serve(req: express.Request, entityRefs: string[]) {
    const auditorEvent = await auditor.createEvent({
      eventId: 'funding-amounts-read',
      severityLevel: 'medium',
      request: req,
      meta: { entityRefs },
    });
    try {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      await fundingAmounts.assertMayReadAmounts(credentials);
      const results = await fundingAmounts.amountsOf(entityRefs, credentials);
      await auditorEvent.success();
      return results;
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  }

  router.get(FUNDING_AMOUNTS_PATH, async (req, res) => {
    const entityRef = parseFundingLineRef(req.query.entityRef);
    const [result] = await serve(req, [entityRef]);
    if (result instanceof Error) throw result;
    res.json(result);
  });

  router.post(FUNDING_AMOUNTS_BY_REFS_PATH, async (req, res) => {
    const entityRefs = batchRefs(req.body);
    const results = await serve(req, entityRefs);
    const body: FundingAmountsBatch = {
      items: results.map((result, i) => {
        if (!(result instanceof Error)) return result;
        const { name, message } = publicError(result, logger);
        return { entityRef: entityRefs[i], error: { name, message } };
      }),
    };
    res.json(body);
  });

  router.use(errorResponse(logger));
  return router;
}

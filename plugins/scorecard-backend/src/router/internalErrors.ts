import type { ErrorRequestHandler } from 'express';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError, stringifyError } from '@backstage/errors';
import { isTransientDatabaseError } from '../database/transientErrors';

/** What a client is told to wait before trying again when the database is away or too slow. */
const RETRY_AFTER_SECONDS = 5;

// Errors that Backstage's error handler answers with their own status and a message we wrote.
const ANSWERABLE_ERRORS = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'NotImplementedError',
  'ServiceUnavailableError',
  'PayloadTooLargeError',
]);

/**
 * The last error handler of the scorecard's router: no response says more than the caller can act
 * on. Database trouble (unreachable, terminated, too slow, locked) is answered with 503, a plain
 * message and `Retry-After`; any other unexpected error with a plain 500. The driver's message,
 * the SQL text and the stack go to the log only.
 */
export function hideInternalErrors(logger: LoggerService): ErrorRequestHandler {
  return (error, req, res, next) => {
    const where = `${req.method} ${req.baseUrl}${req.path}`;
    if (
      error?.name === 'ServiceUnavailableError' ||
      isTransientDatabaseError(error)
    ) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    const status = error?.statusCode ?? error?.status;
    if (
      ANSWERABLE_ERRORS.has(error?.name) ||
      (Number.isInteger(status) && status >= 400 && status < 500)
    ) {
      next(error);
    } else if (isTransientDatabaseError(error)) {
      logger.warn(`${where}: the database is unavailable or too slow`, {
        error: stringifyError(error),
      });
      next(
        new ServiceUnavailableError(
          `The scorecard's database is unavailable or too slow right now, so the request was not carried out (nothing of it was stored). Try again in ${RETRY_AFTER_SECONDS} seconds.`,
        ),
      );
    } else {
      logger.error(`${where} failed`, error);
      const hidden = new Error(
        'The scorecard backend could not answer this request; the details are in its log.',
      );
      hidden.stack = hidden.message;
      next(hidden);
    }
  };
}

import type { ErrorRequestHandler } from 'express';
import type { LoggerService } from '@backstage/backend-plugin-api';

const STATUS_BY_NAME: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ServiceUnavailableError: 503,
};

/** What a caller is told about an error: its status, and its name and message if expected. */
export type PublicError = { statusCode: number; name: string; message: string };

/**
 * An error as the caller sees it. Expected errors (those with a client or gateway status) say
 * what is wrong; anything else is logged and answered with a plain message, since its text and
 * stack are for operators.
 */
export function publicError(
  error: unknown,
  logger: LoggerService,
): PublicError {
  const own = (error as { statusCode?: unknown })?.statusCode;
  const statusCode =
    typeof own === 'number' && own >= 400 && own <= 599
      ? own
      : STATUS_BY_NAME[(error as Error)?.name] ?? 500;
  if (statusCode === 500) {
    logger.error('Serving funding amounts failed', error as Error);
    return {
      statusCode,
      name: 'Error',
      message:
        'The funding amounts could not be served; the backend log says why',
    };
  }
  return {
    statusCode,
    name: (error as Error).name,
    message: (error as Error).message,
  };
}

/**
 * Answers errors in Backstage's error body format, without the stack trace the backend's shared
 * error handler adds in development.
 */
export function errorResponse(logger: LoggerService): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const { statusCode, name, message } = publicError(error, logger);
    res.status(statusCode).json({
      error: { name, message },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode },
    });
  };
}

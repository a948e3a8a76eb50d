import type { ErrorRequestHandler } from 'express';
import { InputError } from '@backstage/errors';
import { PayloadTooLargeError } from '../service/errors';

/** body-parser's own errors, reworded so they name the limit and the fix. */
export function bodyErrors(maxBodySize: string): ErrorRequestHandler {
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

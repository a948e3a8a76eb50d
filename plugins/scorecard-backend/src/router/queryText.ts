import type { RequestHandler } from 'express';
import { InputError } from '@backstage/errors';
import { STORABLE } from '../ingestion/storableText';

/**
 * Read parameters are checked as ingestion checks text: one that PostgreSQL could not compare
 * (a NUL character, an unpaired surrogate) is answered with 400 naming the parameter, before it
 * reaches a query.
 */
export const rejectUnstorableQueryText: RequestHandler = (req, _res, next) => {
  for (const [name, value] of Object.entries(req.query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v === 'string' && !STORABLE.test(v)) {
        next(
          new InputError(
            `${name}: must not contain the NUL character (\\u0000) or an unpaired surrogate (\\ud800-\\udfff); send the parameter as plain text`,
          ),
        );
        return;
      }
    }
  }
  next();
};

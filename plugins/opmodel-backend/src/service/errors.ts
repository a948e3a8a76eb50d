import { CustomErrorBase } from '@backstage/errors';

/**
 * Answered with 502: the entity's source was read, but it does not hold usable amounts (the
 * declaration is gone, invalid, or the entity has no readable kind of source location).
 */
export class BadSourceError extends CustomErrorBase {
  name = 'BadSourceError' as const;
  statusCode = 502;
}

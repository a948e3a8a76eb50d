import { CustomErrorBase, InputError } from '@backstage/errors';
import type { IngestIssue } from '@opmodel/plugin-scorecard-common';

/** Answered with 413: the batch or body is over the configured limit. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/** A rejected batch: nothing of it was stored; the message lists every bad item and its field. */
export class IngestValidationError extends InputError {
  constructor(readonly issues: IngestIssue[]) {
    super(
      `The batch was not stored (${issues.length} problem${
        issues.length === 1 ? '' : 's'
      }; fix them and send it again): ${issues
        .slice(0, 200)
        .map(i => `${i.path}: ${i.message}`)
        .join('; ')}${
        issues.length > 200 ? `; and ${issues.length - 200} more` : ''
      }`,
    );
  }
}

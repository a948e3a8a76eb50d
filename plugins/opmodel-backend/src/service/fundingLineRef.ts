import {
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { KIND_FUNDING_LINE } from '@opmodel/plugin-opmodel-common';

/**
 * A FundingLine ref as a caller wrote it, checked and written out in full. A bare name means a
 * FundingLine in the default namespace; a ref of another kind is the caller's mistake, since only
 * FundingLines have amounts.
 */
export function parseFundingLineRef(input: unknown): string {
  if (typeof input !== 'string' || input.trim() === '') {
    throw new InputError(
      'entityRef is missing; ask for a FundingLine, for example entityRef=fundingline:default/developer-platform-run-fy26',
    );
  }
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(input.trim(), {
      defaultKind: KIND_FUNDING_LINE,
      defaultNamespace: 'default',
    });
  } catch (e) {
    throw new InputError(
      `entityRef '${input}' is not an entity ref (${
        (e as Error).message
      }); write one like fundingline:default/developer-platform-run-fy26`,
    );
  }
  if (
    ref.kind.toLocaleLowerCase('en-US') !==
    KIND_FUNDING_LINE.toLocaleLowerCase('en-US')
  ) {
    throw new InputError(
      `entityRef '${input}' names a ${ref.kind}; only FundingLine entities have amounts`,
    );
  }
  return stringifyEntityRef(ref);
}

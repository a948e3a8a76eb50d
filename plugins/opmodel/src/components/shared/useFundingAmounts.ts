import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { usePermission } from '@backstage/plugin-permission-react';
import useAsync from 'react-use/esm/useAsync';
import {
  fundingAmountsReadPermission,
  isFundingAmounts,
  type FundingAmounts,
} from '@opmodel/plugin-opmodel-common';
import { fundingAmountsApiRef } from '../../api/fundingAmountsApiRef';
import { lower } from './refs';

/**
 * What a page knows about amounts: whether the user may see them (the backend checks again), and
 * once asked, each line's amounts or why they could not be loaded.
 */
export type FundingAmountsState = {
  /** Still asking the permission or the backend. */
  loading: boolean;
  /** The user may see amounts. */
  allowed: boolean;
  /** Amounts per FundingLine, by full lower-case ref; absent lines had an error. */
  amounts: Map<string, FundingAmounts>;
  /** Why the amounts of a line (by full lower-case ref), or of all lines, could not be loaded. */
  errors: Map<string, Error>;
};

/** An error as the backend explained it, rather than as the status line of its response. */
function explained(error: Error): Error {
  if (error instanceof ResponseError && error.body?.error?.message)
    return Object.assign(new Error(error.body.error.message), {
      name: error.body.error.name,
    });
  return error;
}

/**
 * The amounts of the given FundingLines from the opmodel backend. The catalog does not carry
 * them; the backend is asked only when the user may see them, so other users cause no refused
 * requests.
 */
export function useFundingAmounts(entityRefs: string[]): FundingAmountsState {
  const permission = usePermission({
    permission: fundingAmountsReadPermission,
  });
  const api = useApi(fundingAmountsApiRef);
  const allowed = !permission.loading && permission.allowed;
  const refs = entityRefs.map(lower);
  const asked = useAsync(async () => {
    const amounts = new Map<string, FundingAmounts>();
    const errors = new Map<string, Error>();
    if (!allowed || refs.length === 0) return { amounts, errors };
    if (refs.length === 1) {
      // one line, as on its own page: the single route answers its error as a status
      try {
        amounts.set(
          refs[0],
          await api.getFundingAmounts({ entityRef: refs[0] }),
        );
      } catch (e) {
        errors.set(refs[0], explained(e as Error));
      }
      return { amounts, errors };
    }
    const { items } = await api.getFundingAmountsByRefs({ entityRefs: refs });
    for (const item of items) {
      if (isFundingAmounts(item)) amounts.set(lower(item.entityRef), item);
      else
        errors.set(
          lower(item.entityRef),
          Object.assign(new Error(item.error.message), {
            name: item.error.name,
          }),
        );
    }
    return { amounts, errors };
  }, [api, allowed, refs.join(',')]);

  const errors = asked.value?.errors ?? new Map<string, Error>();
  if (asked.error)
    for (const ref of refs) errors.set(ref, explained(asked.error));
  return {
    loading: permission.loading || (allowed && asked.loading),
    allowed,
    amounts: asked.value?.amounts ?? new Map(),
    errors,
  };
}

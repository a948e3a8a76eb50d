import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import {
  checkPlatform,
  isFundingLineEntity,
  isOperatingRoleEntity,
  KIND_FUNDING_LINE,
  KIND_OPERATING_ROLE,
  PLATFORM_CHECK_FUNDING_LINE_FIELDS,
  PLATFORM_CHECK_ROLE_FIELDS,
  RELATION_FUNDS,
  type FundingLineEntity,
  type ModelFinding,
  type OperatingRoleEntity,
  type PlatformEntity,
} from '@opmodel/plugin-opmodel-common';
import { ENTITY_LINK_FIELDS } from '../shared/catalog';
import { lower } from '../shared/refs';

/** What the roles table and the model checks read of an OperatingRole. */
const ROLE_FIELDS = PLATFORM_CHECK_ROLE_FIELDS;

/** What the model checks read of a FundingLine: whether it is current, and whom it funds. */
const CHECKED_FUNDING_LINE_FIELDS = PLATFORM_CHECK_FUNDING_LINE_FIELDS;

/** What the funding table and the model checks read of a FundingLine that funds the platform. */
const FUNDING_LINE_FIELDS = [
  ...new Set([
    ...ENTITY_LINK_FIELDS,
    ...CHECKED_FUNDING_LINE_FIELDS,
    'spec.model',
  ]),
];

/** Roles and funding lines come in one request, so it asks for the fields of both. */
const MODEL_FIELDS = [...new Set([...ROLE_FIELDS, ...FUNDING_LINE_FIELDS])];

/** The rest of the operating model, as a Platform's page shows it and checks the platform. */
export type PlatformModel = {
  /** Still loading the roles and funding lines. */
  loading: boolean;
  error?: Error;
  /** Every OperatingRole defined. */
  roles: OperatingRoleEntity[];
  /** The FundingLines that allocate to the platform. */
  fundingLines: FundingLineEntity[];
  /** The model checks' findings for the platform, once what they need is loaded. */
  findings: { loading: boolean; error?: Error; value?: ModelFinding[] };
};

/**
 * The OperatingRoles and FundingLines a Platform's page reads, cut to the fields it reads. Every
 * role is asked for, since the checks tell which roles the platform's lifecycle requires and
 * suggest a defined role for a ref that names none. Of the funding lines, only those the catalog
 * relates to the platform are.
 */
export function usePlatformModel(platform: PlatformEntity): PlatformModel {
  const catalogApi = useApi(catalogApiRef);
  const platformRef = lower(stringifyEntityRef(platform));
  const model = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: [
        { kind: KIND_OPERATING_ROLE },
        {
          kind: KIND_FUNDING_LINE,
          [`relations.${RELATION_FUNDS}`]: platformRef,
        },
      ],
      fields: MODEL_FIELDS,
    });
    return {
      // the catalog leaves out `spec` where none of the fields asked for is set, and the table and
      // the checks read a role's spec whether or not it sets them
      roles: items
        .filter(isOperatingRoleEntity)
        .map(r => ({ ...r, spec: r.spec ?? {} })),
      fundingLines: items.filter(isFundingLineEntity),
    };
  }, [catalogApi, platformRef]);

  const roles = model.value?.roles ?? [];
  const check = (fundingLines: FundingLineEntity[]) =>
    checkPlatform(platform, {
      roles: roles.length ? roles : undefined,
      fundingLines,
      now: new Date(),
    });
  const found = model.value && check(model.value.fundingLines);
  // The fix for an unfunded platform names the current line that meant it but names a platform
  // of the same name in another namespace. That line funds another platform, so only the check
  // over every line finds it; other findings need no line beyond those funding the platform.
  const unfunded = !!found?.some(f => f.check === 'platform.unfunded');
  const allLines = useAsync(async () => {
    if (!unfunded) return undefined;
    const { items } = await catalogApi.getEntities({
      filter: { kind: KIND_FUNDING_LINE },
      fields: CHECKED_FUNDING_LINE_FIELDS,
    });
    return items.filter(isFundingLineEntity);
  }, [catalogApi, unfunded]);

  let findings: PlatformModel['findings'] = {
    loading: model.loading,
    error: model.error,
    value: found,
  };
  if (unfunded)
    findings = {
      loading:
        model.loading ||
        allLines.loading ||
        // until its effect has run, the request has neither started nor answered
        (!allLines.value && !allLines.error),
      error: model.error ?? allLines.error,
      value: allLines.value && check(allLines.value),
    };
  return {
    loading: model.loading,
    error: model.error,
    roles,
    fundingLines: model.value?.fundingLines ?? [],
    findings,
  };
}

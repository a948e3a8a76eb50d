import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  checkPlatform,
  isFundingLineEntity,
  isOperatingRoleEntity,
  isPlatformEntity,
  KIND_FUNDING_LINE,
  KIND_OPERATING_ROLE,
  KIND_PLATFORM,
  MODEL_CHECKS,
  PLATFORM_CHECK_FUNDING_LINE_FIELDS,
  PLATFORM_CHECK_ROLE_FIELDS,
} from '@opmodel/plugin-opmodel-common';
import { scorecardReadPermission } from '@opmodel/plugin-scorecard-common';
import { actionEntityRef, type ScorecardActionsOptions } from './inputs';
import { entityRefInput, modelFindingSchema } from './schemas';

/** What the model checks read of an OperatingRole and of a FundingLine. */
const MODEL_FIELDS = [
  ...new Set([
    ...PLATFORM_CHECK_ROLE_FIELDS,
    ...PLATFORM_CHECK_FUNDING_LINE_FIELDS,
  ]),
];

/**
 * `scorecard:get-platform-findings`: the operating-model checks' findings for one Platform (a
 * required role without a holder, a production platform no funding line pays for, no support
 * channel...), computed as the platform's page computes them, from what the caller may read in
 * the catalog.
 */
export function createGetPlatformFindingsAction(
  options: ScorecardActionsOptions,
) {
  const { services, authorizer, catalog } = options;
  options.actionsRegistry.register({
    name: 'get-platform-findings',
    title: "Get a platform's operating-model findings",
    description: `The faults the operating-model checks find in one Platform, each with the field to change and what to write instead: a role its lifecycle requires that nobody holds, an exclusive role held twice, role assignments that ended or have not started, a production platform that no current funding line pays for, no support channel, no feedback ritual with its consumers, no consumers, no value proposition.
Severity "error" is a fault to fix; "warning" a practice the platform lacks. An empty list means the checks found nothing.
The checks read the platform, every OperatingRole and every FundingLine the caller may see in the catalog. Needs the opmodel.scorecard.read permission; a platform the caller may not see in the catalog is not found.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z, 'platform:default/developer-platform'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          title: z.string().optional(),
          lifecycle: z.string(),
          checkedAt: z.string().describe('When the checks ran, ISO 8601'),
          findings: z.array(modelFindingSchema(z)),
        }),
    },
    examples: [
      {
        title: "The developer platform's findings",
        input: { entityRef: 'platform:default/developer-platform' },
      },
    ],
    action: async ({ input, credentials }) => {
      const entityRef = actionEntityRef(input.entityRef, {
        defaultKind: KIND_PLATFORM,
      });
      const { kind } = parseEntityRef(entityRef);
      if (kind.toLocaleLowerCase('en-US') !== 'platform')
        throw new InputError(
          `entityRef: '${input.entityRef}' is a ${kind}, not a Platform; the model checks are of platforms`,
        );
      await authorizer.authorize(
        credentials,
        scorecardReadPermission,
        entityRef,
      );
      const [platform, model] = await Promise.all([
        catalog.getEntityByRef(entityRef, { credentials }),
        catalog.getEntities(
          {
            filter: [
              { kind: KIND_OPERATING_ROLE },
              { kind: KIND_FUNDING_LINE },
            ],
            fields: MODEL_FIELDS,
          },
          { credentials },
        ),
      ]);
      if (!isPlatformEntity(platform))
        throw new NotFoundError(`No entity ${entityRef} in the catalog`);
      // the catalog leaves out `spec` where none of the fields asked for is set
      const roles = model.items
        .filter(isOperatingRoleEntity)
        .map(r => ({ ...r, spec: r.spec ?? {} }));
      const now = new Date(services.scorecards.now());
      const findings = checkPlatform(platform, {
        roles: roles.length ? roles : undefined,
        fundingLines: model.items.filter(isFundingLineEntity),
        now,
      });
      return {
        output: {
          entityRef: entityRef.toLocaleLowerCase('en-US'),
          title: platform.metadata.title,
          lifecycle: platform.spec.lifecycle,
          checkedAt: now.toISOString(),
          findings: findings.map(f => ({
            check: f.check,
            description: MODEL_CHECKS[f.check] ?? f.check,
            severity: f.severity,
            entityRef: f.entityRef,
            path: f.path,
            message: f.message,
            fix: f.fix,
          })),
        },
      };
    },
  });
}

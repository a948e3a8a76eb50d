import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fundingAmountsReadPermission } from '@opmodel/plugin-opmodel-common';
import {
  scorecardEventsCreatePermission,
  scorecardPeriodFreezePermission,
  scorecardReadPermission,
} from '@opmodel/plugin-scorecard-common';
import {
  ExamplePermissionPolicy,
  FINANCE_GROUP,
  PLATFORM_OFFICE_GROUP,
} from './permissionPolicy';

const user = (ownershipEntityRefs: string[]) => ({
  identity: {
    type: 'user' as const,
    userEntityRef: ownershipEntityRefs[0],
    ownershipEntityRefs,
  },
  token: 'token',
  credentials: {} as any,
  info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
});

describe('ExamplePermissionPolicy', () => {
  const policy = new ExamplePermissionPolicy();

  it('shows funding amounts to finance only', async () => {
    const amounts = { permission: fundingAmountsReadPermission };
    expect(
      (
        await policy.handle(
          amounts,
          user(['user:default/carol', FINANCE_GROUP]),
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (
        await policy.handle(
          amounts,
          user(['user:default/guest', 'group:default/checkout']),
        )
      ).result,
    ).toBe(AuthorizeResult.DENY);
    expect((await policy.handle(amounts)).result).toBe(AuthorizeResult.DENY);
  });

  it('allows everything else, the scorecard included', async () => {
    expect(
      (
        await policy.handle(
          { permission: scorecardReadPermission },
          user(['user:default/guest']),
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('lets the guest read scorecards but not post events or freeze periods', async () => {
    const guest = user(['user:default/guest']);
    const decide = async (permission: any, who?: any) =>
      (await policy.handle({ permission } as any, who)).result;
    expect(await decide(scorecardReadPermission, guest)).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(await decide(scorecardEventsCreatePermission, guest)).toBe(
      AuthorizeResult.DENY,
    );
    expect(await decide(scorecardPeriodFreezePermission, guest)).toBe(
      AuthorizeResult.DENY,
    );
    // a pipeline's static token: the configured sources decide what it writes
    expect(await decide(scorecardEventsCreatePermission)).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(
      await decide(
        scorecardPeriodFreezePermission,
        user(['user:default/dana', PLATFORM_OFFICE_GROUP]),
      ),
    ).toBe(AuthorizeResult.ALLOW);
  });
});

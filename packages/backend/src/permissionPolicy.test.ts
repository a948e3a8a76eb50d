import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fundingAmountsReadPermission } from '@opmodel/plugin-opmodel-common';
import { scorecardReadPermission } from '@opmodel/plugin-scorecard-common';
import { ExamplePermissionPolicy, FINANCE_GROUP } from './permissionPolicy';

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
});

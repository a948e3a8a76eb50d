import { AssignmentsTable } from '../shared/AssignmentsTable';
import { LoadingCard } from '../shared/LoadingCard';
import { useRoleHoldings } from './useRoleHoldings';

/** Every Platform and FundingLine where the role is held, by whom and since when. */
export function HoldingsCard(props: { roleRef: string }) {
  const holdings = useRoleHoldings(props.roleRef);
  return (
    <LoadingCard
      title="Where it is held"
      loading={holdings.loading}
      error={holdings.error}
    >
      {() => (
        <AssignmentsTable
          rows={holdings.value ?? []}
          columns={['in', 'holder']}
          label="Where the role is held"
          empty="No platform or funding line assigns this role."
        />
      )}
    </LoadingCard>
  );
}

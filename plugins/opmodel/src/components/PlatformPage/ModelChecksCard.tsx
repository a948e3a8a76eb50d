import { FindingsList } from '../shared/FindingsList';
import { LoadingCard } from '../shared/LoadingCard';
import type { PlatformModel } from './usePlatformModel';

/** The model checks' findings for the platform, each with its fix. */
export function ModelChecksCard(props: { model: PlatformModel }) {
  const { findings } = props.model;
  return (
    <LoadingCard
      title="Model checks"
      loading={findings.loading}
      error={findings.error}
    >
      {() => <FindingsList findings={findings.value ?? []} />}
    </LoadingCard>
  );
}

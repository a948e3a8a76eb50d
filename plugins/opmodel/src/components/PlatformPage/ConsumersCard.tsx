import Typography from '@material-ui/core/Typography';
import {
  INTERACTION_MODES,
  type PlatformEntity,
} from '@opmodel/plugin-opmodel-common';
import { describePeriod } from '../shared/describePeriod';
import { Empty, LoadingCard } from '../shared/LoadingCard';
import { SpecRef } from '../shared/refs';
import { NO_WRAP } from '../shared/styles';

/** The consumer teams, grouped by their interaction mode with the platform. */
export function ConsumersCard(props: { platform: PlatformEntity }) {
  const ns = props.platform.metadata.namespace;
  const consumers = props.platform.spec.consumers ?? [];
  const modes = [...INTERACTION_MODES, undefined];
  return (
    <LoadingCard title="Consumers" loading={false}>
      {() =>
        consumers.length === 0 ? (
          <Empty>No consumer teams declared (spec.consumers).</Empty>
        ) : (
          <>
            {modes.map(mode => {
              const teams = consumers.filter(c => c.interaction === mode);
              if (teams.length === 0) return null;
              return (
                <div key={mode ?? 'unspecified'}>
                  <Typography variant="subtitle2" component="h3">
                    {mode ?? 'interaction not stated'} ({teams.length})
                  </Typography>
                  <ul>
                    {teams.map(t => (
                      <li key={t.team}>
                        <SpecRef
                          entityRef={t.team}
                          kind="group"
                          namespace={ns}
                        />{' '}
                        <Typography
                          variant="caption"
                          style={NO_WRAP}
                          data-period
                        >
                          {describePeriod(t)}
                        </Typography>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </>
        )
      }
    </LoadingCard>
  );
}

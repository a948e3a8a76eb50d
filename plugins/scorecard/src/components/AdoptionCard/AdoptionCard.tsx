import { InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useId, type ReactNode } from 'react';
import { LoadError, Loading } from '../states';
import { When } from '../When';
import { AdoptionFindings } from './AdoptionFindings';
import { AdoptionHeadline } from './AdoptionHeadline';
import { AdoptionTrend } from './AdoptionTrend';
import { useAdoptionStyles } from './adoptionStyles';
import { CapabilitiesTable } from './CapabilitiesTable';
import { ConsumerTeamsTable } from './ConsumerTeamsTable';
import { NoConsumers } from './NoConsumers';
import { ADOPTION_WINDOW_DAYS, useAdoption } from './useAdoption';

/** A part of the card under its heading, named by it. */
function Section(props: { title: string; children: ReactNode }) {
  const classes = useAdoptionStyles();
  const id = useId();
  return (
    <section className={classes.section} aria-labelledby={id}>
      <Typography
        id={id}
        variant="overline"
        component="h3"
        className={classes.heading}
      >
        {props.title}
      </Typography>
      {props.children}
    </section>
  );
}

/**
 * Who uses the Platform on the page, from the catalog alone: the share of the organisation's
 * stream-aligned teams that consume it and its daily history, every consumer team (declared in
 * spec.consumers, observed through its Components and Systems, or both), each capability's
 * teams, and where the declaration and the catalog disagree, with the fix.
 *
 * @public
 */
export function AdoptionCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const classes = useAdoptionStyles();
  const { value, loading, error } = useAdoption(entityRef);

  let content;
  if (loading) content = <Loading what="the adoption" />;
  else if (error)
    content = <LoadError error={error} what="the adoption of this platform" />;
  else if (!value || value.teams.length === 0)
    content = <NoConsumers entityRef={entityRef} />;
  else
    content = (
      <>
        <AdoptionHeadline
          share={value.streamAligned}
          consumers={value.teams.length}
        />
        <AdoptionTrend history={value.history} days={ADOPTION_WINDOW_DAYS} />
        <Section title="Consumer teams">
          <ConsumerTeamsTable teams={value.teams} />
        </Section>
        <Section title="Capabilities">
          <CapabilitiesTable capabilities={value.capabilities} />
        </Section>
        {value.findings.length > 0 && (
          <Section title="Findings">
            <AdoptionFindings findings={value.findings} />
          </Section>
        )}
      </>
    );

  return (
    <InfoCard
      title="Adoption"
      subheader={
        value ? (
          // one inline run: the subheader lays its children out apart
          <span>
            From the catalog as of <When at={value.computedAt} />
          </span>
        ) : (
          'Teams that use this platform, from the catalog'
        )
      }
    >
      <div
        role="group"
        aria-label={`Adoption of ${entityRef}`}
        aria-busy={loading}
        className={classes.root}
      >
        {content}
      </div>
    </InfoCard>
  );
}

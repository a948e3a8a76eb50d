import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import type { GradedMetric } from '@opmodel/plugin-scorecard-common';
import { CoverageSection } from '../CoverageSection';
import { EventsDialog } from '../EventsDialog';
import { formatCount, metricTitle } from '../format';
import { MetricTrend } from '../MetricTrend';
import { LoadError, Loading, NoEvents } from '../states';
import { WindowSelect } from '../WindowSelect';
import { groupMetrics } from './metricGroups';
import { MetricTile } from './MetricTile';
import { useScorecard } from './useScorecard';

/**
 * How the scorecard card is shown.
 *
 * @public
 */
export type ScorecardCardProps = {
  /** The window shown first, in days (7, 28 or 90); 28 unless set. */
  defaultWindowDays?: number;
  /**
   * `full` (the default) shows each metric with its trend and the sources; `compact` shows the
   * figures, grades and targets only, and stays readable at a third of the page.
   */
  variant?: 'full' | 'compact';
  /** Leave out the trend charts (one request for all of them). */
  hideTrends?: boolean;
  /** Leave out the list of sources (collectors) that feed the scorecard. */
  hideSources?: boolean;
  /**
   * The path of the entity page's scorecard tab, relative to the entity page (`scorecard`); the
   * card then links to it.
   */
  fullScorecardPath?: string;
};

const useStyles = makeStyles(theme => ({
  // words wrap between words only; a tile is never narrower than its longest word
  root: { overflowWrap: 'normal', wordBreak: 'normal', hyphens: 'manual' },
  group: { '& + &': { marginTop: theme.spacing(2) } },
  heading: {
    margin: theme.spacing(0, 0, 1),
    color: theme.palette.text.secondary,
  },
  tiles: {
    display: 'grid',
    gap: theme.spacing(1.5),
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 15rem), 1fr))',
  },
  compactTiles: {
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 11rem), 1fr))',
  },
  footer: { marginTop: theme.spacing(2) },
}));

/** The link from the compact card to the entity's scorecard tab. */
function FullScorecardLink(props: { path: string }) {
  const { entity } = useEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  const base = entityRoute(entityRouteParams(entity));
  return (
    <Link to={`${base.replace(/\/$/, '')}/${props.path}`}>
      Trends, details and sources
    </Link>
  );
}

/**
 * The scorecard of the entity on the page, read at a glance: its metrics grouped under
 * availability, delivery and incident response, each a tile with its figure, grade, target and
 * trend, for a window the reader picks. A metric's name opens the events behind it.
 *
 * @public
 */
export function ScorecardCard(props: ScorecardCardProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const classes = useStyles();
  const compact = props.variant === 'compact';
  const withTrends = !compact && !props.hideTrends;
  const [days, setDays] = useState(props.defaultWindowDays ?? 28);
  const [drill, setDrill] = useState<GradedMetric>();
  const { range, scorecard, trends } = useScorecard(
    entityRef,
    days,
    withTrends,
  );
  const { value, loading, error } = scorecard;

  let content;
  if (loading) content = <Loading what="the scorecard" />;
  else if (error) content = <LoadError error={error} what="this scorecard" />;
  else if (!value || value.metrics.every(m => m.count === 0))
    content = <NoEvents entityRef={entityRef} />;
  else
    content = groupMetrics(value.metrics).map(group => (
      <div
        key={group.id}
        role="group"
        className={classes.group}
        aria-label={group.title}
      >
        <Typography
          variant="overline"
          component="h3"
          className={classes.heading}
        >
          {group.title}
        </Typography>
        <div
          className={`${classes.tiles} ${compact ? classes.compactTiles : ''}`}
        >
          {group.metrics.map(m => (
            <MetricTile
              key={m.metric}
              metric={m}
              onShowEvents={() => setDrill(m)}
              trend={
                withTrends && (
                  <MetricTrend
                    title={metricTitle(m)}
                    loading={trends.loading}
                    points={trends.value?.[m.metric]}
                    metric={m.metric}
                    unit={m.unit}
                    threshold={m.grade.rule.threshold}
                    better={m.grade.rule.better}
                  />
                )
              }
            />
          ))}
        </div>
      </div>
    ));

  return (
    <InfoCard
      title="Scorecard"
      subheader={
        value
          ? `Members counted: ${formatCount(value.members.length)}`
          : 'Delivery, availability and incident response'
      }
      action={<WindowSelect value={days} onChange={setDays} />}
    >
      <div
        role="group"
        className={classes.root}
        aria-label={`Scorecard of ${entityRef}`}
      >
        {content}
      </div>
      {!compact && !props.hideSources && (
        <CoverageSection entityRef={entityRef} />
      )}
      {props.fullScorecardPath && (
        <Typography variant="body2" className={classes.footer}>
          <FullScorecardLink path={props.fullScorecardPath} />
        </Typography>
      )}
      {drill && (
        <EventsDialog
          entityRef={entityRef}
          metric={drill.metric}
          title={metricTitle(drill)}
          range={range}
          onClose={() => setDrill(undefined)}
        />
      )}
    </InfoCard>
  );
}

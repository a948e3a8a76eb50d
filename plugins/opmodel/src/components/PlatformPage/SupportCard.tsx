import { Link } from '@backstage/core-components';
import MuiLink from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { PlatformEntity } from '@opmodel/plugin-opmodel-common';
import { Empty, LoadingCard } from '../shared/LoadingCard';
import { WRAP_ANYWHERE } from '../shared/styles';
import { channelHref } from './channelHref';

/**
 * A channel's target as written, a link where it names something to open: a web page (a Slack
 * channel's among them) in a new tab, the Slack app or the mail client where they open.
 */
function ChannelTarget(props: { target: string }) {
  const href = channelHref(props.target);
  if (!href) return <>{props.target}</>;
  if (/^https?:/i.test(href)) return <Link to={href}>{props.target}</Link>;
  // not Backstage's Link: it would tell a screen reader this opens a new window too
  return <MuiLink href={href}>{props.target}</MuiLink>;
}

/** Where consumers ask for help, the docs, and how fast each severity is answered. */
export function SupportCard(props: { platform: PlatformEntity }) {
  const support = props.platform.spec.support ?? {};
  const channels = support.channels ?? [];
  const targets = support.responseTargets ?? [];
  return (
    <LoadingCard title="Support" loading={false}>
      {() => (
        <>
          {channels.length === 0 ? (
            <Empty>No support channels declared (spec.support.channels).</Empty>
          ) : (
            <ul aria-label="Support channels">
              {channels.map(c => (
                <li key={`${c.type}:${c.target}`} style={WRAP_ANYWHERE}>
                  {c.type}: <ChannelTarget target={c.target} />
                  {c.purpose && ` — ${c.purpose}`}
                </li>
              ))}
            </ul>
          )}
          {support.docs && (
            <Typography variant="body2">
              Docs: <Link to={support.docs}>{support.docs}</Link>
            </Typography>
          )}
          {targets.length > 0 && (
            <Table size="small" aria-label="Response targets">
              <TableHead>
                <TableRow>
                  <TableCell>Severity</TableCell>
                  <TableCell>Acknowledge within</TableCell>
                  <TableCell>Resolve within</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {targets.map(t => (
                  <TableRow key={t.severity}>
                    <TableCell>{t.severity}</TableCell>
                    <TableCell>{t.acknowledge ?? '—'}</TableCell>
                    <TableCell>{t.resolve ?? '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
    </LoadingCard>
  );
}

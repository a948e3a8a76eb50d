import { Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { PlatformEntity } from '@opmodel/plugin-opmodel-common';
import { Empty, LoadingCard } from '../shared/LoadingCard';

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
                <li key={`${c.type}:${c.target}`}>
                  {c.type}:{' '}
                  {/^https?:\/\//.test(c.target) ? (
                    <Link to={c.target}>{c.target}</Link>
                  ) : (
                    c.target
                  )}
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

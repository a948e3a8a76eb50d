import { Line, LineChart, YAxis } from 'recharts';
import type { TrendPoint } from '@opmodel/plugin-scorecard-common';

/** A metric's daily history as a small line; days without enough data leave gaps. */
export function Sparkline(props: { points: TrendPoint[]; label: string }) {
  const data = props.points.map(p => ({
    day: p.day,
    value: p.state === 'ok' ? p.value : null,
  }));
  const shown = data.filter(d => d.value !== null);
  if (shown.length < 2) return <span>no history yet</span>;
  return (
    <span role="img" aria-label={props.label}>
      <LineChart width={120} height={32} data={data}>
        <YAxis hide domain={['auto', 'auto']} />
        <Line
          type="monotone"
          dataKey="value"
          stroke="#1565c0"
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </span>
  );
}

import { HealthSampleStatus } from '@opshub/plugin-infra-health-common';
import { formatTime } from '@opshub/opshub-react';
import {
  Bar,
  BarChart,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** @internal */
export interface StatusPoint {
  time: number;
  status: HealthSampleStatus;
}

const COLORS: Record<HealthSampleStatus, string> = {
  up: '#2e7d32',
  degraded: '#ed6c02',
  down: '#d32f2f',
};

/**
 * The status of each sample as a row of coloured bars (recharts), oldest
 * left.
 *
 * @internal
 */
export const StatusTimeline = ({ points }: { points: StatusPoint[] }) => (
  <ResponsiveContainer width="100%" height={80}>
    <BarChart data={points.map(p => ({ ...p, one: 1 }))} barCategoryGap={1}>
      <XAxis dataKey="time" hide />
      <YAxis hide domain={[0, 1]} />
      <Tooltip
        labelFormatter={(t: number) => formatTime(new Date(t).toISOString())}
        formatter={(
          _value: number,
          _name: string,
          item: { payload?: StatusPoint },
        ) => [item.payload?.status ?? '', 'Status']}
      />
      <Bar dataKey="one" isAnimationActive={false}>
        {points.map(point => (
          <Cell key={point.time} fill={COLORS[point.status]} />
        ))}
      </Bar>
    </BarChart>
  </ResponsiveContainer>
);

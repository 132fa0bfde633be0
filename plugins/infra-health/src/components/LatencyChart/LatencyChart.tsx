import { formatTime } from '@opshub/opshub-react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/**
 * One point of the latency chart: a sample, or later an hourly rollup
 * (`p95Ms` set).
 *
 * @internal
 */
export interface LatencyPoint {
  /** Epoch ms. */
  time: number;
  latencyMs: number | null;
  p95Ms?: number | null;
}

/** @internal */
export interface LatencyChartProps {
  points: LatencyPoint[];
  /** Drawn as a dashed line: answers above it are degraded. */
  degradedLatencyMs?: number;
  height?: number;
}

/**
 * Latency over time with recharts. Takes points, so samples today and
 * hourly rollups later feed the same chart.
 *
 * @internal
 */
export const LatencyChart = ({
  points,
  degradedLatencyMs,
  height = 240,
}: LatencyChartProps) => {
  const span =
    points.length > 1 ? points[points.length - 1].time - points[0].time : 0;
  // more than a day and a half: the date too, else the time of day (UTC)
  const tick = (t: number) =>
    span > 36 * 3600_000
      ? new Date(t).toISOString().slice(5, 13).replace('T', ' ')
      : new Date(t).toISOString().slice(11, 16);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart
        data={points}
        margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="time"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={tick}
        />
        <YAxis unit=" ms" width={72} />
        <Tooltip
          labelFormatter={(t: number) => formatTime(new Date(t).toISOString())}
        />
        {degradedLatencyMs !== undefined && (
          <ReferenceLine
            y={degradedLatencyMs}
            stroke="#ed6c02"
            strokeDasharray="4 4"
          />
        )}
        <Line
          type="monotone"
          dataKey="latencyMs"
          name="Latency"
          stroke="#1976d2"
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
        {points.some(p => p.p95Ms !== undefined) && (
          <Line
            type="monotone"
            dataKey="p95Ms"
            name="p95"
            stroke="#9c27b0"
            dot={false}
            isAnimationActive={false}
          />
        )}
      </LineChart>
    </ResponsiveContainer>
  );
};

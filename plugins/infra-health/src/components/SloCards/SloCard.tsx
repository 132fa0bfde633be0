import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { SloStatus } from '@opshub/plugin-infra-health-common';
import { StatusChip } from '@opshub/opshub-react';
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

const useStyles = makeStyles(theme => ({
  figure: { fontSize: '2rem', fontWeight: 600, lineHeight: 1.2 },
  budget: { height: 10, borderRadius: 5, marginTop: theme.spacing(0.5) },
  chart: { width: '100%', height: 160, marginTop: theme.spacing(2) },
}));

/** A ratio (0-1) as a percentage with up to three decimals. */
export function formatSli(ratio: number | null): string {
  if (ratio === null) return 'No data';
  return `${Number((ratio * 100).toFixed(3))}%`;
}

/** A burn rate as `2.4x`; a dash without data. */
export function formatBurnRate(rate: number | null): string {
  if (rate === null) return '–';
  return `${rate >= 100 ? Math.round(rate) : Number(rate.toFixed(1))}x`;
}

const timeLabel = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

/**
 * One SLO: its SLI, objective, error budget left, the multi-window burn-rate
 * pairs (firing ones in red) and a chart of the SLI per bucket, or its
 * "not configured" / error state.
 *
 * @internal
 */
export const SloCard = ({ slo }: { slo: SloStatus }) => {
  const classes = useStyles();
  const subheader = `${slo.objective}% over ${slo.window} · ${
    slo.source === 'prometheus' ? 'Prometheus' : 'health checks'
  }${slo.origin === 'config' ? ' · from config' : ''}`;
  const budget = slo.errorBudgetRemaining;
  return (
    <InfoCard title={slo.name} subheader={subheader} noPadding={false}>
      <div data-testid={`slo-${slo.name}`}>
        {slo.error?.kind === 'not_configured' && (
          <Alert severity="info">{slo.error.message}</Alert>
        )}
        {slo.error?.kind === 'error' && (
          <Alert severity="error">
            Could not compute this SLO: {slo.error.message}
          </Alert>
        )}
        {!slo.error && (
          <>
            <Box display="flex" justifyContent="space-between" flexWrap="wrap">
              <Box mr={2}>
                <Typography variant="caption" color="textSecondary">
                  SLI ({slo.window})
                </Typography>
                <Typography className={classes.figure}>
                  {formatSli(slo.sli)}
                </Typography>
              </Box>
              <Box>
                <Typography variant="caption" color="textSecondary">
                  Objective
                </Typography>
                <Typography className={classes.figure}>
                  {slo.objective}%
                </Typography>
              </Box>
            </Box>
            <Box mt={2}>
              <Typography variant="body2">
                {budget === null
                  ? 'Error budget: no data yet'
                  : `Error budget remaining: ${
                      Math.round(budget * 1000) / 10
                    }%`}
              </Typography>
              <LinearProgress
                className={classes.budget}
                variant="determinate"
                color={
                  budget !== null && budget < 0.25 ? 'secondary' : 'primary'
                }
                value={
                  budget === null ? 0 : Math.min(100, Math.max(0, budget * 100))
                }
                aria-label="error budget remaining"
              />
            </Box>
            <Table size="small" aria-label="burn rates">
              <TableHead>
                <TableRow>
                  <TableCell>Windows</TableCell>
                  <TableCell>Threshold</TableCell>
                  <TableCell>Burn rate (long / short)</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {slo.burnRates.map(pair => (
                  <TableRow
                    key={pair.longWindow}
                    data-testid={`burn-${pair.longWindow}-${pair.shortWindow}`}
                    data-firing={pair.firing}
                  >
                    <TableCell>
                      {pair.longWindow} / {pair.shortWindow}
                    </TableCell>
                    <TableCell>{pair.factor}x</TableCell>
                    <TableCell>
                      {formatBurnRate(pair.longBurnRate)} /{' '}
                      {formatBurnRate(pair.shortBurnRate)}
                    </TableCell>
                    <TableCell>
                      <StatusChip
                        status={pair.firing ? 'firing' : 'ok'}
                        label={pair.firing ? 'firing' : 'ok'}
                      />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <div className={classes.chart}>
              <ResponsiveContainer>
                <LineChart
                  data={slo.range.map(point => ({
                    time: point.time,
                    sli: point.sli === null ? null : point.sli * 100,
                  }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis
                    dataKey="time"
                    tickFormatter={timeLabel}
                    minTickGap={30}
                  />
                  <YAxis
                    domain={['auto', 100]}
                    tickFormatter={value => `${value}%`}
                    width={60}
                  />
                  <Tooltip
                    labelFormatter={label => timeLabel(String(label))}
                    formatter={(value: number) => [
                      `${Number(value.toFixed(3))}%`,
                      `SLI per ${slo.rangeStep}`,
                    ]}
                  />
                  <ReferenceLine
                    y={slo.objective}
                    stroke="#d32f2f"
                    strokeDasharray="4 4"
                  />
                  <Line
                    type="monotone"
                    dataKey="sli"
                    stroke="#1976d2"
                    dot={false}
                    connectNulls={false}
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </>
        )}
      </div>
    </InfoCard>
  );
};

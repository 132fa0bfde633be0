import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { CheckWithStatus } from '@opshub/plugin-infra-health-common';
import {
  AsyncView,
  formatLatency,
  formatPercent,
  formatTime,
  StatusChip,
} from '@opshub/opshub-react';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraHealthApiRef } from '../../api';
import { useHealthCheck } from '../../hooks/useHealthChecks';
import { CheckSamplesTable } from '../CheckSamplesTable';
import { LatencyChart } from '../LatencyChart';
import { StatusTimeline } from '../StatusTimeline';

/** Samples the charts show: the latest 500 (the largest page). */
const CHART_SAMPLES = 500;

const CheckCharts = ({ check }: { check: CheckWithStatus }) => {
  const api = useApi(infraHealthApiRef);
  const state = useAsyncRetry(
    async () =>
      (await api.listSamples(check.id, { limit: CHART_SAMPLES, offset: 0 }))
        .items,
    [api, check.id, check.latestSample?.id],
  );
  return (
    <AsyncView
      {...state}
      isEmpty={samples => samples.length === 0}
      emptyTitle="No samples yet"
    >
      {samples => {
        const oldestFirst = [...samples].reverse();
        return (
          <>
            <Typography variant="subtitle2">Status</Typography>
            <StatusTimeline
              points={oldestFirst.map(s => ({
                time: Date.parse(s.sampledAt),
                status: s.status,
              }))}
            />
            <Typography variant="subtitle2">Latency</Typography>
            <LatencyChart
              degradedLatencyMs={check.degradedLatencyMs}
              points={oldestFirst.map(s => ({
                time: Date.parse(s.sampledAt),
                latencyMs: s.status === 'down' ? null : s.latencyMs,
              }))}
            />
          </>
        );
      }}
    </AsyncView>
  );
};

/** How far back the hourly rollups go on the check page. */
const ROLLUP_DAYS = 7;

/**
 * The last week, hour by hour, from the rollups: p50 and p95 latency and
 * the hours that were not fully up.
 */
const CheckRollups = ({ check }: { check: CheckWithStatus }) => {
  const api = useApi(infraHealthApiRef);
  const state = useAsyncRetry(async () => {
    const to = new Date();
    const from = new Date(to.getTime() - ROLLUP_DAYS * 24 * 3600_000);
    return (
      await api.listRollups(check.id, {
        from: from.toISOString(),
        to: to.toISOString(),
      })
    ).items;
  }, [api, check.id]);
  return (
    <AsyncView
      {...state}
      isEmpty={rollups => rollups.length === 0}
      emptyTitle="No hourly rollups yet"
      emptyDescription="The first rollup is written after the first complete hour of samples."
    >
      {rollups => {
        const down = rollups.filter(r => r.upCount < r.count);
        return (
          <>
            <LatencyChart
              degradedLatencyMs={check.degradedLatencyMs}
              points={rollups.map(r => ({
                time: Date.parse(r.hour),
                latencyMs: r.latencyP50Ms,
                p95Ms: r.latencyP95Ms,
              }))}
            />
            <Typography variant="body2" color="textSecondary">
              {rollups.length} hours,{' '}
              {formatPercent(
                (100 * rollups.reduce((n, r) => n + r.upCount, 0)) /
                  Math.max(
                    1,
                    rollups.reduce((n, r) => n + r.count, 0),
                  ),
              )}{' '}
              of samples up; {down.length} hour{down.length === 1 ? '' : 's'}{' '}
              with a failure
            </Typography>
          </>
        );
      }}
    </AsyncView>
  );
};

const Details = ({ check }: { check: CheckWithStatus }) => {
  const rows: Array<[string, React.ReactNode]> = [
    ['Status', <StatusChip status={check.status} />],
    ['Kind', check.kind],
    [
      'Target',
      `${check.kind === 'http' ? `${check.method} ` : ''}${check.url}`,
    ],
    ['Source', check.source === 'config' ? 'app config (read-only)' : 'API'],
    ['Interval', `${check.intervalSeconds} s`],
    [
      'Flap tolerance',
      `${check.failureThreshold} failures to go down, ${check.successThreshold} successes to come back`,
    ],
    ['Uptime 24h', formatPercent(check.uptimePercent24h)],
    ['p95 latency 24h', formatLatency(check.latencyP95Ms)],
    ['Status since', formatTime(check.statusChangedAt ?? undefined)],
    [
      'Runbook',
      check.runbookUrl ? (
        <Link to={check.runbookUrl}>{check.runbookUrl}</Link>
      ) : (
        'none'
      ),
    ],
  ];
  if (
    check.latestSample?.certDaysLeft !== null &&
    check.latestSample?.certDaysLeft !== undefined
  ) {
    rows.push(['Certificate', `${check.latestSample.certDaysLeft} days left`]);
  }
  for (const window of check.maintenanceWindows) {
    rows.push([
      'Maintenance',
      `${formatTime(window.start)} – ${formatTime(window.end)}${
        window.reason ? ` (${window.reason})` : ''
      }`,
    ]);
  }
  return (
    <InfoCard title={check.name} subheader={check.service}>
      {rows.map(([label, value]) => (
        <Typography variant="body2" key={label + String(value)}>
          <strong>{label}:</strong> {value}
        </Typography>
      ))}
      {check.latestSample?.error && (
        <Typography variant="body2" color="error">
          {check.latestSample.error}
        </Typography>
      )}
    </InfoCard>
  );
};

/**
 * The drill-down page of one check: details, runbook and maintenance
 * windows, the status timeline and latency chart of its latest samples, and
 * the sample table.
 *
 * @internal
 */
export const CheckPage = () => {
  const { id } = useParams();
  const checkId = Number(id);
  const state = useHealthCheck(checkId);
  return (
    <Page themeId="tool">
      <Header
        title={state.value?.name ?? 'Health check'}
        subtitle={
          state.value
            ? `${state.value.service} · ${state.value.kind}`
            : undefined
        }
      />
      <Content>
        <AsyncView {...state} emptyTitle="No such check">
          {check => (
            <Grid container spacing={3}>
              <Grid item xs={12} md={4}>
                <Details check={check} />
              </Grid>
              <Grid item xs={12} md={8}>
                <InfoCard title="Latest samples">
                  <CheckCharts check={check} />
                </InfoCard>
              </Grid>
              <Grid item xs={12}>
                <InfoCard title={`Last ${ROLLUP_DAYS} days, hourly`}>
                  <CheckRollups check={check} />
                </InfoCard>
              </Grid>
              <Grid item xs={12}>
                <CheckSamplesTable checkId={check.id} checkName={check.name} />
              </Grid>
            </Grid>
          )}
        </AsyncView>
      </Content>
    </Page>
  );
};

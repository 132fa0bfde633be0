import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  SupportButton,
  TabbedLayout,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { AsyncView } from '@opshub/opshub-react';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useEnvironments } from '../../hooks/useInspector';
import { REFRESH_INTERVAL_MS } from '../../hooks/useDrawer';
import { ActivityLogTable } from '../ActivityLogTable';
import { ConfigStatusTable } from '../ConfigStatusTable';
import { DataCheck } from '../DataCheck';
import { EnvironmentInfoPanel } from '../EnvironmentInfoPanel';
import { EnvironmentsTable } from '../EnvironmentsTable';
import { HealthSummary } from '../HealthSummary';
import { SchemaCompare } from '../SchemaCompare';
import { TableBrowser } from '../TableBrowser';

/** Every readable environment, its tables, and the activity log. */
const DatabasesTab = () => {
  const environments = useEnvironments();
  const [selected, setSelected] = useState<string>();
  const items = environments.value ?? [];
  const current =
    selected ??
    items.find(e => e.database.status === 'up')?.name ??
    items[0]?.name;

  return (
    <>
      <ContentHeader title="Environments">
        <SupportButton>
          Every number here is measured on the database when the page loads.
          Click an environment to browse its tables, and a table to see its
          structure.
        </SupportButton>
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <AsyncView
            {...environments}
            isEmpty={value => value.length === 0}
            emptyTitle="No environment to inspect"
            emptyDescription="Configure devopsInspector.environments in app-config, or ask for the devops-inspector.environment.read permission."
          >
            {value => (
              <EnvironmentsTable
                environments={value}
                selected={current}
                onSelect={setSelected}
              />
            )}
          </AsyncView>
        </Grid>
        {current && (
          <Grid item xs={12}>
            <TableBrowser key={current} environment={current} />
          </Grid>
        )}
        <Grid item xs={12}>
          <ActivityLogTable />
        </Grid>
      </Grid>
    </>
  );
};

/** `a,b` of a query parameter as a list, without empty names. */
function listParam(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map(v => v.trim())
    .filter(Boolean);
}

/**
 * Schema comparison and row counts. `?source=` (an environment or
 * `snapshot:<id>`) and `?targets=a,b` preselect the comparison, and each
 * comparison started writes them back, so the URL can be shared.
 */
const CompareTab = () => {
  const environments = useEnvironments();
  const [params, setParams] = useSearchParams();
  const onCompare = useCallback(
    (source: string, targets: string[]) =>
      setParams({ source, targets: targets.join(',') }, { replace: true }),
    [setParams],
  );
  return (
    <AsyncView
      {...environments}
      isEmpty={value => value.length < 2}
      emptyTitle="Nothing to compare"
      emptyDescription="Comparing needs at least two environments you may read."
    >
      {value => (
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <SchemaCompare
              environments={value.map(e => e.name)}
              initialSource={params.get('source') ?? undefined}
              initialTargets={listParam(params.get('targets'))}
              onCompare={onCompare}
            />
          </Grid>
          <Grid item xs={12}>
            <DataCheck environments={value.map(e => e.name)} />
          </Grid>
        </Grid>
      )}
    </AsyncView>
  );
};

/**
 * The inspector page, in tabs: health summary, environment information,
 * databases (environments, table browser with detail, activity log), schema
 * comparison and the masked configuration.
 *
 * @internal
 */
export const DevopsInspectorPage = () => (
  <Page themeId="tool">
    <Header
      title="DevOps Inspector"
      subtitle="Live health, versions, databases and configuration"
    />
    <TabbedLayout>
      <TabbedLayout.Route path="/" title="Health">
        <Content>
          <InfoCard title="Health summary">
            <HealthSummary intervalMs={REFRESH_INTERVAL_MS} />
          </InfoCard>
        </Content>
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/environment" title="Environment">
        <Content>
          <InfoCard title="What is deployed">
            <EnvironmentInfoPanel />
          </InfoCard>
        </Content>
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/databases" title="Databases">
        <Content>
          <DatabasesTab />
        </Content>
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/compare" title="Compare">
        <Content>
          <CompareTab />
        </Content>
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/config" title="Config">
        <Content>
          <InfoCard title="Effective configuration (secrets masked)">
            <ConfigStatusTable />
          </InfoCard>
        </Content>
      </TabbedLayout.Route>
    </TabbedLayout>
  </Page>
);

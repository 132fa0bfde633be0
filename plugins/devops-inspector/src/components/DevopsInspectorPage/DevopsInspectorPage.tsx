import {
  Content,
  ContentHeader,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { AsyncView } from '@opshub/opshub-react';
import { useState } from 'react';
import { useEnvironments } from '../../hooks/useInspector';
import { ActivityLogTable } from '../ActivityLogTable';
import { EnvironmentsTable } from '../EnvironmentsTable';
import { TableBrowser } from '../TableBrowser';

/**
 * The inspector page: every readable environment with its live database
 * status, the tables of the selected one, and the activity log.
 *
 * @internal
 */
export const DevopsInspectorPage = () => {
  const environments = useEnvironments();
  const [selected, setSelected] = useState<string>();
  const items = environments.value ?? [];
  const current =
    selected ??
    items.find(e => e.database.status === 'up')?.name ??
    items[0]?.name;

  return (
    <Page themeId="tool">
      <Header
        title="DevOps Inspector"
        subtitle="Live database status and tables per environment"
      />
      <Content>
        <ContentHeader title="Environments">
          <SupportButton>
            Every number here is measured on the database when the page loads.
            Click an environment to browse its tables.
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
      </Content>
    </Page>
  );
};

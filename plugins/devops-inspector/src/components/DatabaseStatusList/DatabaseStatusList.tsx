import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { AsyncView, formatLatency, StatusChip } from '@opshub/opshub-react';
import { RefreshOptions, useEnvironmentList } from '../../hooks/useDrawer';

/**
 * The database of every environment the user may read, with its measured
 * status, server version and probe latency.
 *
 * @internal
 */
export const DatabaseStatusList = (props: RefreshOptions) => {
  const state = useEnvironmentList(props);
  return (
    <AsyncView
      {...state}
      isEmpty={value => value.length === 0}
      emptyTitle="No environment to inspect"
    >
      {value => (
        <List dense disablePadding aria-label="Environment databases">
          {value.map(env => (
            <ListItem key={env.name} dense disableGutters>
              <ListItemText
                primary={
                  <>
                    {env.label} ({env.name}){' '}
                    <StatusChip status={env.database.status} />
                  </>
                }
                secondary={
                  env.database.status === 'up'
                    ? `PostgreSQL ${
                        env.database.serverVersion
                      } · ${formatLatency(env.database.latencyMs)}`
                    : env.database.error
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </AsyncView>
  );
};

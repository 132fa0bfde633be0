import { InfoCard } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import {
  AsyncView,
  formatRelativeTime,
  formatTime,
} from '@opshub/opshub-react';
import { useDeployments } from '../../hooks/useDeployments';

/** The latest failed deployments of every service. */
export const RecentFailures = (props: { limit?: number }) => {
  const state = useDeployments({
    status: 'failed',
    limit: props.limit ?? 5,
    offset: 0,
  });
  return (
    <InfoCard title="Recent failures">
      <AsyncView
        {...state}
        isEmpty={page => page.items.length === 0}
        emptyTitle="No failed deployment"
      >
        {page => (
          <List dense>
            {page.items.map(d => (
              <ListItem key={d.id} divider>
                <ListItemText
                  primary={`${d.service} ${d.version} in ${d.environment}`}
                  secondary={
                    <span title={formatTime(d.startedAt)}>
                      {formatRelativeTime(d.startedAt)} by {d.triggeredBy}
                      {d.message ? `: ${d.message}` : ''}
                    </span>
                  }
                />
              </ListItem>
            ))}
          </List>
        )}
      </AsyncView>
    </InfoCard>
  );
};

import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import {
  DeploymentAuditEntry,
  DeploymentAuditState,
  DeploymentDetail,
} from '@opshub/plugin-deployment-rollback-common';
import { AsyncView, formatTime, StatusChip } from '@opshub/opshub-react';
import { useDeploymentDetail } from '../../hooks/useDeployments';

const stateText = (state: DeploymentAuditState | null) =>
  state ? `${state.version} ${state.status.replace(/_/g, ' ')}` : '—';

const AuditItem = (props: { entry: DeploymentAuditEntry }) => {
  const { entry } = props;
  return (
    <ListItem divider alignItems="flex-start">
      <ListItemText
        primary={`${entry.action} by ${entry.actor}`}
        secondary={
          <>
            <span>{formatTime(entry.createdAt)}</span>
            {(entry.before || entry.after) && (
              <>
                <br />
                <span>
                  {stateText(entry.before)} → {stateText(entry.after)}
                </span>
              </>
            )}
            {entry.reason && (
              <>
                <br />
                <span>{entry.reason}</span>
              </>
            )}
          </>
        }
      />
    </ListItem>
  );
};

const Field = (props: { label: string; children: React.ReactNode }) => (
  <Box mb={1}>
    <Typography variant="caption" color="textSecondary">
      {props.label}
    </Typography>
    <Typography variant="body2" component="div">
      {props.children}
    </Typography>
  </Box>
);

const Detail = (props: { deployment: DeploymentDetail }) => {
  const d = props.deployment;
  return (
    <>
      <Typography variant="h5">
        {d.service} {d.version} in {d.environment}
      </Typography>
      <Box mt={1} mb={2}>
        <StatusChip status={d.status} />
      </Box>
      <Field label="Source">
        {d.source}
        {d.rollbackOf ? ` (rolls back to deployment #${d.rollbackOf})` : ''}
      </Field>
      <Field label="Triggered by">{d.triggeredBy}</Field>
      <Field label="Started">{formatTime(d.startedAt)}</Field>
      <Field label="Finished">
        {d.finishedAt ? formatTime(d.finishedAt) : 'not yet'}
      </Field>
      {d.commitSha && (
        <Field label="Commit">
          <code>{d.commitSha}</code>
        </Field>
      )}
      {d.reason && <Field label="Reason">{d.reason}</Field>}
      {d.message && <Field label="Message">{d.message}</Field>}
      {d.url && (
        <Field label="Run">
          <Link to={d.url}>{d.url}</Link>
        </Field>
      )}
      <Typography variant="h6" style={{ marginTop: 16 }}>
        Audit trail
      </Typography>
      {d.audit.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          Nothing was audited for this deployment.
        </Typography>
      ) : (
        <List dense>
          {d.audit.map(entry => (
            <AuditItem key={entry.id} entry={entry} />
          ))}
        </List>
      )}
    </>
  );
};

/** A side drawer with one deployment and its audit trail. */
export const DeploymentDrawer = (props: {
  deploymentId?: number;
  onClose(): void;
}) => {
  const state = useDeploymentDetail(props.deploymentId);
  return (
    <Drawer
      anchor="right"
      open={props.deploymentId !== undefined}
      onClose={props.onClose}
    >
      <Box width={480} p={3} role="region" aria-label="Deployment detail">
        <Box display="flex" justifyContent="flex-end">
          <IconButton aria-label="Close" onClick={props.onClose} size="small">
            <CloseIcon />
          </IconButton>
        </Box>
        <AsyncView {...state} emptyTitle="Deployment not found">
          {deployment => <Detail deployment={deployment} />}
        </AsyncView>
      </Box>
    </Drawer>
  );
};

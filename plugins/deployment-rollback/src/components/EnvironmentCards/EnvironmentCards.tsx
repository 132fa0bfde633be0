import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  deploymentRollbackPermission,
  deploymentTriggerPermission,
  EnvironmentVersion,
  RollbackTargetInfo,
} from '@opshub/plugin-deployment-rollback-common';
import {
  AsyncView,
  formatRelativeTime,
  formatTime,
  StatusChip,
} from '@opshub/opshub-react';
import { ReactElement, useState } from 'react';
import { useAllowed } from '../../hooks/useAllowed';
import {
  useCurrentVersions,
  useRollbackTarget,
} from '../../hooks/useDeployments';
import { commitUrl, serverMessage } from '../../util/serverMessage';
import { DeployDialog } from '../DeployDialog';
import { RollbackDialog } from '../RollbackDialog';

/**
 * Why the Rollback button is disabled, or undefined when it may be pressed.
 * The server's own message explains in-flight, no-target, auto-synced and
 * no-executor refusals.
 */
export function rollbackDisabledReason(input: {
  allowed: boolean;
  permissionLoading: boolean;
  info?: RollbackTargetInfo;
  infoError?: Error;
  service: string;
}): string | undefined {
  if (input.permissionLoading) {
    return 'Checking your permissions…';
  }
  if (!input.allowed) {
    return `You are not allowed to roll back ${input.service} (deployment-rollback.deployment.rollback).`;
  }
  if (input.infoError) {
    return `The rollback target could not be loaded: ${serverMessage(
      input.infoError,
    )}`;
  }
  if (!input.info) {
    return 'Loading the rollback target…';
  }
  if (input.info.blocked) {
    return input.info.blocked.message;
  }
  if (!input.info.target) {
    return 'There is no earlier successful deployment to roll back to.';
  }
  return undefined;
}

/** Why the Deploy button is disabled, or undefined when it may be pressed. */
export function deployDisabledReason(input: {
  allowed: boolean;
  permissionLoading: boolean;
  executor: string | null | undefined;
  info?: RollbackTargetInfo;
  service: string;
  environment: string;
}): string | undefined {
  if (input.permissionLoading) {
    return 'Checking your permissions…';
  }
  if (!input.allowed) {
    return `You are not allowed to deploy ${input.service} (deployment-rollback.deployment.trigger).`;
  }
  if (input.executor === null) {
    return `No executor is configured for ${input.environment}.`;
  }
  if (input.info?.blocked?.reason === 'in_flight') {
    return input.info.blocked.message;
  }
  return undefined;
}

/** A button that explains itself in a tooltip when it is disabled. */
const ExplainedButton = (props: {
  reason?: string;
  label: string;
  color: 'primary' | 'secondary';
  onClick(): void;
}): ReactElement => {
  const button = (
    <Button
      size="small"
      variant="outlined"
      color={props.color}
      disabled={Boolean(props.reason)}
      onClick={props.onClick}
    >
      {props.label}
    </Button>
  );
  if (!props.reason) {
    return button;
  }
  return (
    <Tooltip title={props.reason}>
      {/* a disabled button fires no events: the span carries the tooltip */}
      <span data-testid={`${props.label.toLowerCase()}-disabled`}>
        {button}
      </span>
    </Tooltip>
  );
};

/** @internal */
export interface EnvironmentCardProps {
  current: EnvironmentVersion;
  /** The version of the previous environment in promotion order. */
  previousVersion?: string;
  /** The owning Component's entity ref, the resource of the write permissions. */
  entityRef: string;
  /** `github.com/project-slug` of the entity, for commit links. */
  projectSlug?: string;
}

/** One environment of a service: what runs, since when, and its actions. */
export const EnvironmentCard = (props: EnvironmentCardProps) => {
  const { current, entityRef, projectSlug, previousVersion } = props;
  const { service, environment } = current;
  const target = useRollbackTarget(service, environment);
  const rollbackAllowed = useAllowed(deploymentRollbackPermission, entityRef);
  const deployAllowed = useAllowed(deploymentTriggerPermission, entityRef);
  const [dialog, setDialog] = useState<'rollback' | 'deploy'>();

  const info = target.value;
  // the latest deployment: the one running, or a newer one in flight or failed
  const latest = info?.current ?? undefined;
  const latestIsRunning = latest?.id === current.deploymentId;
  const sha = latest?.commitSha ?? undefined;
  const link = sha ? commitUrl(projectSlug, sha) : undefined;

  const rollbackReason = rollbackDisabledReason({
    allowed: rollbackAllowed.allowed,
    permissionLoading: rollbackAllowed.loading,
    info,
    infoError: target.error,
    service,
  });
  const deployReason = deployDisabledReason({
    allowed: deployAllowed.allowed,
    permissionLoading: deployAllowed.loading,
    executor: current.executor,
    info,
    service,
    environment,
  });

  return (
    <InfoCard
      title={environment}
      subheader={
        current.autoSync ? (
          <Chip size="small" label="auto-synced (GitOps)" />
        ) : undefined
      }
      actions={
        <Box display="flex" gridGap={8}>
          <ExplainedButton
            label="Deploy"
            color="primary"
            reason={deployReason}
            onClick={() => setDialog('deploy')}
          />
          <ExplainedButton
            label="Rollback"
            color="secondary"
            reason={rollbackReason}
            onClick={() => setDialog('rollback')}
          />
        </Box>
      }
    >
      <Typography variant="h4" component="p">
        {current.version}
      </Typography>
      <Box mt={1} mb={1}>
        <StatusChip status={current.latestStatus} />
      </Box>
      <Typography variant="body2" title={formatTime(current.deployedAt)}>
        Deployed {formatRelativeTime(current.deployedAt)}
        {latest && latestIsRunning ? ` by ${latest.triggeredBy}` : ''}
      </Typography>
      {latest && !latestIsRunning && (
        <Typography variant="body2">
          Latest: {latest.version} ({latest.status.replace(/_/g, ' ')}) by{' '}
          {latest.triggeredBy}
        </Typography>
      )}
      {sha && (
        <Typography variant="body2">
          {latestIsRunning ? 'Commit' : 'Latest commit'}{' '}
          {link ? (
            <Link to={link}>
              <code>{sha.slice(0, 7)}</code>
            </Link>
          ) : (
            <code>{sha.slice(0, 7)}</code>
          )}
        </Typography>
      )}
      {latest?.url && (
        <Typography variant="body2">
          <Link to={latest.url}>Run at the provider</Link>
        </Typography>
      )}
      {info?.target && (
        <Typography variant="body2" color="textSecondary">
          Rollback target: {info.target.version}
        </Typography>
      )}
      {dialog === 'rollback' && info?.target && (
        <RollbackDialog
          open
          service={service}
          environment={environment}
          target={info.target}
          currentVersion={current.version}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'deploy' && (
        <DeployDialog
          open
          service={service}
          environment={environment}
          suggestedVersion={previousVersion}
          onClose={() => setDialog(undefined)}
        />
      )}
    </InfoCard>
  );
};

/**
 * One card per environment of the service, in promotion order (the order
 * the server answers).
 */
export const EnvironmentCards = (props: {
  service: string;
  entityRef: string;
  projectSlug?: string;
}) => {
  const state = useCurrentVersions(props.service);
  return (
    <AsyncView
      {...state}
      isEmpty={items => items.length === 0}
      emptyTitle="No successful deployment yet"
      emptyDescription="Each environment appears here once a deployment to it has succeeded."
    >
      {items => (
        <Grid container spacing={3}>
          {items.map((item, index) => (
            <Grid
              item
              xs={12}
              md={6}
              lg={4}
              key={item.environment}
              data-testid={`environment-card-${item.environment}`}
            >
              <EnvironmentCard
                current={item}
                previousVersion={
                  index > 0 ? items[index - 1].version : undefined
                }
                entityRef={props.entityRef}
                projectSlug={props.projectSlug}
              />
            </Grid>
          ))}
        </Grid>
      )}
    </AsyncView>
  );
};

import { useApi } from '@backstage/core-plugin-api';
import ButtonBase from '@material-ui/core/ButtonBase';
import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import { EnvironmentTier } from '@opshub/plugin-devops-inspector-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { devopsInspectorApiRef } from '../../api';
import { DevOpsDrawer } from '../DevOpsDrawer';

/** Background colours per tier: the more sensitive, the louder. */
const TIER_COLOURS: Record<EnvironmentTier | 'unknown', string> = {
  local: '#546e7a',
  dev: '#2e7d32',
  uat: '#ef6c00',
  prod: '#c62828',
  unknown: '#757575',
};

const useStyles = makeStyles(theme => ({
  badge: {
    display: 'block',
    margin: theme.spacing(1, 'auto'),
    padding: theme.spacing(0.5, 1),
    borderRadius: theme.shape.borderRadius,
    color: '#fff',
    fontWeight: theme.typography.fontWeightBold as number,
    fontSize: theme.typography.caption.fontSize,
    textTransform: 'uppercase',
    maxWidth: '90%',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.common.white}`,
      outlineOffset: 2,
    },
  },
}));

/** @public */
export interface EnvironmentBadgeProps {
  /** Milliseconds between refreshes of the open drawer; defaults to 10 s. */
  refreshIntervalMs?: number;
}

/**
 * The current deployment's name and tier (`devopsInspector.current`) in the
 * tier's colour. Clicking it opens the {@link DevOpsDrawer}.
 *
 * @public
 */
export const EnvironmentBadge = (props: EnvironmentBadgeProps) => {
  const classes = useStyles();
  const api = useApi(devopsInspectorApiRef);
  const [open, setOpen] = useState(false);
  const info = useAsync(() => api.getEnvironmentInfo(), [api]);
  const current = info.value?.current ?? null;
  const tier = current?.tier ?? 'unknown';
  let text = current?.name ?? 'env';
  if (info.loading) {
    text = '…';
  } else if (info.error) {
    text = 'env ?';
  }
  const description = current
    ? `Environment ${current.name} (${current.tier})`
    : 'Environment unknown';

  return (
    <>
      <Tooltip title={`${description}: open the DevOps console`}>
        <ButtonBase
          className={classes.badge}
          style={{ backgroundColor: TIER_COLOURS[tier] }}
          aria-label={`${description}. Open the DevOps console`}
          aria-haspopup="dialog"
          data-tier={tier}
          onClick={() => setOpen(true)}
        >
          {text}
        </ButtonBase>
      </Tooltip>
      <DevOpsDrawer
        open={open}
        onClose={() => setOpen(false)}
        refreshIntervalMs={props.refreshIntervalMs}
      />
    </>
  );
};

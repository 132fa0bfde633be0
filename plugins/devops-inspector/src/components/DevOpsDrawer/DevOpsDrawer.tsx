import { useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import CloseIcon from '@material-ui/icons/Close';
import RefreshIcon from '@material-ui/icons/Refresh';
import { ReactNode, useCallback, useState } from 'react';
import { REFRESH_INTERVAL_MS } from '../../hooks/useDrawer';
import { rootRouteRef } from '../../routes';
import { ConfigStatusTable } from '../ConfigStatusTable';
import { CompareLink } from './CompareLink';
import { DatabaseStatusList } from '../DatabaseStatusList';
import { DrawerSection } from '../DrawerSection';
import { EnvironmentInfoPanel } from '../EnvironmentInfoPanel';
import { HealthSummary } from '../HealthSummary';
import { ProcessMetricsPanel } from '../ProcessMetricsPanel';
import { QuickActions } from '../QuickActions';

const useStyles = makeStyles(theme => ({
  paper: { width: 400, maxWidth: '100%' },
  fullScreen: { width: '100%' },
  header: {
    display: 'flex',
    alignItems: 'center',
    padding: theme.spacing(1, 2),
  },
  title: { flexGrow: 1 },
}));

/** A collapsible section, its open state remembered per user. */
const Section = (props: { title: string; children: ReactNode }) => (
  <DrawerSection
    id={props.title.toLowerCase().replace(/\s+/g, '-')}
    title={props.title}
  >
    {props.children}
  </DrawerSection>
);

/** The page's root link, or undefined when the page is not mounted. */
function useInspectorLink(): string | undefined {
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    return useRouteRef(rootRouteRef)();
  } catch {
    return undefined;
  }
}

/** @public */
export interface DevOpsDrawerProps {
  open: boolean;
  onClose: () => void;
  /** Milliseconds between refreshes while open; defaults to 10 s. */
  refreshIntervalMs?: number;
}

/**
 * The DevOps console: health, environment, databases, a link to the schema
 * comparison, the masked configuration, the backend process and the quick
 * actions (clear cache, export logs). Each section opens and closes, and
 * stays so for the user. Refreshes every 10 s while open and by hand.
 * Escape, the close button or a click outside closes it; it fills the
 * screen on narrow windows.
 *
 * @public
 */
export const DevOpsDrawer = (props: DevOpsDrawerProps) => {
  const { open, onClose, refreshIntervalMs = REFRESH_INTERVAL_MS } = props;
  const classes = useStyles();
  // the spec's mobile breakpoint: full screen below 768px
  const narrow = useMediaQuery('(max-width:767.95px)');
  const [refreshToken, setRefreshToken] = useState(0);
  const inspectorLink = useInspectorLink();
  const refresh = { intervalMs: refreshIntervalMs, refreshToken };
  const refreshNow = useCallback(() => setRefreshToken(t => t + 1), []);

  return (
    <Drawer
      anchor="right"
      open={open}
      onClose={onClose}
      classes={{ paper: narrow ? classes.fullScreen : classes.paper }}
      PaperProps={{
        role: 'dialog',
        'aria-label': 'DevOps console',
      }}
    >
      <Box className={classes.header}>
        <Typography variant="h5" component="h2" className={classes.title}>
          DevOps Console
        </Typography>
        <Tooltip title="Refresh now">
          <IconButton aria-label="Refresh" onClick={refreshNow}>
            <RefreshIcon />
          </IconButton>
        </Tooltip>
        <IconButton aria-label="Close" onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </Box>
      <Divider />
      {open && (
        <>
          <Section title="Health">
            <HealthSummary {...refresh} />
          </Section>
          <Divider />
          <Section title="Environment">
            <EnvironmentInfoPanel {...refresh} />
          </Section>
          <Divider />
          <Section title="Database">
            <DatabaseStatusList {...refresh} />
          </Section>
          <Divider />
          <Section title="Compare">
            {inspectorLink ? (
              <CompareLink inspectorLink={inspectorLink} onClick={onClose} />
            ) : (
              <Typography variant="body2">
                Add the DevOps Inspector page to compare schemas.
              </Typography>
            )}
          </Section>
          <Divider />
          <Section title="Config">
            <ConfigStatusTable {...refresh} maxRows={25} />
          </Section>
          <Divider />
          <Section title="Backend process">
            <ProcessMetricsPanel {...refresh} />
          </Section>
          <Divider />
          <Section title="Quick actions">
            <QuickActions onCacheCleared={refreshNow} />
          </Section>
        </>
      )}
    </Drawer>
  );
};

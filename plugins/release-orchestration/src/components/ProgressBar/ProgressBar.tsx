import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { Progress } from '@opshub/plugin-release-orchestration-common';

/** @internal */
export interface ProgressBarProps {
  progress: Progress;
  /** Names what the bar measures, for screen readers. */
  label: string;
  dense?: boolean;
}

/**
 * Completion of a release, cluster or customer: (done + skipped) / total,
 * with the counts in a tooltip.
 *
 * @internal
 */
export const ProgressBar = (props: ProgressBarProps) => {
  const { progress, label, dense } = props;
  const detail = `${progress.done} done, ${progress.skipped} skipped, ${progress.reverted} reverted, ${progress.pending} pending of ${progress.total}`;
  return (
    <Tooltip title={detail}>
      <Box display="flex" alignItems="center" width="100%" minWidth={80}>
        <Box flexGrow={1} mr={1}>
          <LinearProgress
            variant="determinate"
            value={progress.percent}
            aria-label={`${label} progress`}
          />
        </Box>
        <Typography
          variant={dense ? 'caption' : 'body2'}
          color="textSecondary"
          noWrap
        >
          {progress.percent}%
        </Typography>
      </Box>
    </Tooltip>
  );
};

import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import {
  CompareJob,
  CompareJobPhase,
} from '@opshub/plugin-devops-inspector-common';

const PHASES: Record<CompareJobPhase, string> = {
  source: 'Introspecting the source',
  targets: 'Introspecting the targets',
  diff: 'Comparing',
  done: 'Done',
};

/** @internal */
export interface CompareProgressProps {
  job: CompareJob;
  onCancel: () => void;
  cancelling: boolean;
}

/**
 * Where a running comparison is: the phase, the backend's message (e.g.
 * "Introspecting target 2 of 3 (uat)"), a bar of the steps done, and a
 * Cancel button that stops the job's queries.
 *
 * @internal
 */
export const CompareProgress = (props: CompareProgressProps) => {
  const { job, onCancel, cancelling } = props;
  const { phase, completed, total, message } = job.progress;
  const percent = total > 0 ? Math.round((completed / total) * 100) : 0;
  return (
    <Box my={2} role="status" aria-live="polite" data-testid="compare-progress">
      <Box display="flex" alignItems="center" mb={1}>
        <Box flexGrow={1}>
          <Typography variant="subtitle2">{PHASES[phase]}</Typography>
          <Typography variant="body2" color="textSecondary">
            {message} · step {completed} of {total}
          </Typography>
        </Box>
        <Button
          variant="outlined"
          onClick={onCancel}
          disabled={cancelling || job.state !== 'running'}
        >
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </Button>
      </Box>
      <LinearProgress
        variant="determinate"
        value={percent}
        aria-label={`Comparison progress: ${percent}%`}
      />
    </Box>
  );
};

import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Divider from '@material-ui/core/Divider';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import { AsyncView, CodeBlock, StatusChip } from '@opshub/opshub-react';
import {
  CustomerStep,
  stepUpdatePermission,
} from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';
import { useAllowed } from '../../hooks/useReleasePermissions';
import { useStepWrites } from '../../hooks/useStepWrites';
import { describeEvent } from '../ReleaseHistory';
import { useStepDetail } from '../../hooks/useSteps';

const useStyles = makeStyles(theme => ({
  paper: { width: 560, maxWidth: '100vw', padding: theme.spacing(2) },
  section: { marginTop: theme.spacing(2) },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
}));

/** Where the step's content comes from. @internal */
export function stepSource(
  step: Pick<CustomerStep, 'isCustom' | 'isOverridden'>,
): string {
  if (step.isCustom) {
    return 'Custom step';
  }
  return step.isOverridden ? 'Template (overridden)' : 'Template';
}

/** @internal */
export interface StepDetailPanelProps {
  stepId: number;
  /** The subtitle (the customer's name) for the step's customer id. */
  subtitleFor?: (customerId: number) => string | undefined;
  /** Bumped by signals: refetches the step. */
  refresh?: number;
  onClose: () => void;
  /** Called after every successful write and after a 409. */
  onChanged: () => void;
}

const Actions = (props: { step: CustomerStep; onChanged: () => void }) => {
  const { step, onChanged } = props;
  const classes = useStyles();
  const steps = useStepWrites(onChanged);
  const { busy } = steps;
  // changing what a step runs needs step.update; recording it, step.execute
  const canUpdateSteps = useAllowed(
    stepUpdatePermission,
    String(step.releaseId),
  );
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<string>();

  const write = async (action: () => Promise<unknown>): Promise<void> => {
    if ((await action()) !== undefined) {
      setText('');
      setEditing(undefined);
      onChanged();
    }
  };
  const markDone = () => write(() => steps.markDone(step, text || null));
  const reopen = () => write(() => steps.reopen(step));

  return (
    <>
      <TextField
        id="step-action-text"
        label={step.status === 'pending' ? 'Notes or skip reason' : 'Reason'}
        value={text}
        onChange={e => setText(e.target.value)}
        fullWidth
        multiline
        minRows={2}
        variant="outlined"
        size="small"
        className={classes.section}
      />
      <div className={classes.actions}>
        {step.status === 'pending' && (
          <>
            <Button
              variant="contained"
              color="primary"
              disabled={busy}
              onClick={markDone}
            >
              Mark done
            </Button>
            <Button
              variant="outlined"
              disabled={busy || !text.trim()}
              onClick={() => write(() => steps.skip(step, text.trim()))}
            >
              Skip
            </Button>
          </>
        )}
        {step.status === 'done' && (
          <Button
            variant="outlined"
            disabled={busy}
            onClick={() => write(() => steps.revert(step, text || null))}
          >
            Revert
          </Button>
        )}
        {(step.status === 'skipped' || step.status === 'reverted') && (
          <>
            <Button
              variant="contained"
              color="primary"
              disabled={busy}
              onClick={markDone}
            >
              Mark done
            </Button>
            <Button variant="outlined" disabled={busy} onClick={reopen}>
              Reopen
            </Button>
          </>
        )}
      </div>
      <div className={classes.actions}>
        {canUpdateSteps && editing === undefined && (
          <Button size="small" onClick={() => setEditing(step.content)}>
            {step.isCustom ? 'Edit content' : 'Override content'}
          </Button>
        )}
        {canUpdateSteps && editing !== undefined && (
          <Box width="100%">
            <TextField
              id="step-content"
              label="Content"
              value={editing}
              onChange={e => setEditing(e.target.value)}
              fullWidth
              multiline
              minRows={4}
              variant="outlined"
              inputProps={{ style: { fontFamily: 'monospace' } }}
            />
            <div className={classes.actions}>
              <Button
                size="small"
                color="primary"
                variant="contained"
                disabled={busy || !editing.trim()}
                onClick={() => write(() => steps.override(step, editing))}
              >
                Save content
              </Button>
              <Button size="small" onClick={() => setEditing(undefined)}>
                Cancel
              </Button>
            </div>
          </Box>
        )}
        {canUpdateSteps && step.isOverridden && step.templateId !== null && (
          <Button
            size="small"
            disabled={busy}
            onClick={() => write(() => steps.reset(step))}
          >
            Reset to template
          </Button>
        )}
        {canUpdateSteps && step.isCustom && (
          <Button
            size="small"
            disabled={busy}
            onClick={() => write(() => steps.deleteStep(step))}
          >
            Delete step
          </Button>
        )}
      </div>
    </>
  );
};

/**
 * Side panel of one customer step: where it comes from, its content with
 * highlighting and a copy button, notes, the actions its status allows and
 * its history.
 *
 * @internal
 */
export const StepDetailPanel = (props: StepDetailPanelProps) => {
  const { stepId, subtitleFor, refresh, onClose, onChanged } = props;
  const classes = useStyles();
  const state = useStepDetail(stepId, refresh);
  return (
    <Drawer
      anchor="right"
      open
      onClose={onClose}
      classes={{ paper: classes.paper }}
      PaperProps={
        {
          role: 'dialog',
          'aria-label': 'Step details',
          'data-testid': 'step-detail-panel',
        } as object
      }
    >
      <Box display="flex" alignItems="center">
        <Box flexGrow={1}>
          <Typography variant="h5">
            {state.value?.step.name ?? 'Step'}
          </Typography>
          {state.value && subtitleFor && (
            <Typography variant="body2" color="textSecondary">
              {subtitleFor(state.value.step.customerId)}
            </Typography>
          )}
        </Box>
        <IconButton aria-label="Close step details" onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </Box>
      <AsyncView {...state} emptyTitle="Step not found">
        {({ step, events }) => (
          <>
            <div className={classes.actions}>
              <StatusChip status={step.status} />
              <Chip size="small" label={stepSource(step)} />
              <Chip size="small" variant="outlined" label={step.category} />
              <Chip size="small" variant="outlined" label={step.type} />
            </div>
            <div className={classes.section}>
              <CodeBlock code={step.content} type={step.type} />
            </div>
            <div className={classes.section}>
              {step.executedBy && (
                <Typography variant="body2">
                  Executed by {step.executedBy}
                  {step.executedAt
                    ? ` at ${new Date(step.executedAt).toLocaleString()}`
                    : ''}
                </Typography>
              )}
              {step.skipReason && (
                <Typography variant="body2">
                  Skip reason: {step.skipReason}
                </Typography>
              )}
              {step.notes && (
                <Typography variant="body2">Notes: {step.notes}</Typography>
              )}
            </div>
            <Actions key={step.version} step={step} onChanged={onChanged} />
            <Divider className={classes.section} />
            <Typography variant="h6" className={classes.section}>
              History
            </Typography>
            {events.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                No history yet.
              </Typography>
            ) : (
              <List dense aria-label="Step history">
                {events.map(event => (
                  <ListItem key={event.id} divider>
                    <ListItemText
                      primary={describeEvent(event)}
                      secondary={`${new Date(event.at).toLocaleString()} · ${
                        event.actor
                      }`}
                    />
                  </ListItem>
                ))}
              </List>
            )}
          </>
        )}
      </AsyncView>
    </Drawer>
  );
};

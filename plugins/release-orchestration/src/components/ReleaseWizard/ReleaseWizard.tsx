import { Content, ContentHeader } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import { CreateTemplateRequest } from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useReleaseWrites } from '../../hooks/useReleaseWrites';
import { usePaths } from '../paths';
import {
  ReleaseFields,
  ReleaseFieldValues,
  releaseFieldValues,
  releaseRequestFields,
  validateReleaseFields,
} from '../ReleaseFields';
import { TemplateStepDialog } from '../TemplateStepDialog';

const STEPS = ['Details', 'Template steps', 'Review'];

/**
 * Creates a release in three steps: its details, its template steps and a
 * review. The release is created as a draft and opened.
 *
 * @internal
 */
export const ReleaseWizard = () => {
  const writes = useReleaseWrites();
  const navigate = useNavigate();
  const paths = usePaths();
  const [active, setActive] = useState(0);
  const [touched, setTouched] = useState(false);
  const [details, setDetails] = useState<ReleaseFieldValues>(
    releaseFieldValues(),
  );
  const [templates, setTemplates] = useState<CreateTemplateRequest[]>([]);
  const [adding, setAdding] = useState(false);
  const errors = validateReleaseFields(details);
  const valid = Object.keys(errors).length === 0;

  const next = () => {
    setTouched(true);
    if (active === 0 && !valid) {
      return;
    }
    setActive(a => a + 1);
  };

  const create = async () => {
    const release = await writes.createRelease(
      releaseRequestFields(details),
      templates,
    );
    if (release) {
      navigate(paths.release(release.id));
    }
  };

  return (
    <Content>
      <ContentHeader title="New release" />
      <Paper variant="outlined">
        <Stepper activeStep={active}>
          {STEPS.map(label => (
            <Step key={label}>
              <StepLabel>{label}</StepLabel>
            </Step>
          ))}
        </Stepper>
        <Box p={3} maxWidth={720}>
          {active === 0 && (
            <ReleaseFields
              values={details}
              onChange={patch => setDetails(d => ({ ...d, ...patch }))}
              errors={touched ? errors : undefined}
            />
          )}
          {active === 1 && (
            <>
              <Typography variant="body2" color="textSecondary">
                The steps every customer runs. You can change and reorder them
                later.
              </Typography>
              <List>
                {templates.map((t, index) => (
                  <ListItem key={`${t.category}-${index}`} divider>
                    <ListItemText
                      primary={t.name}
                      secondary={`${t.category} · ${t.type}`}
                    />
                    <ListItemSecondaryAction>
                      <IconButton
                        aria-label={`Remove ${t.name}`}
                        onClick={() =>
                          setTemplates(list =>
                            list.filter((_, i) => i !== index),
                          )
                        }
                      >
                        <DeleteIcon />
                      </IconButton>
                    </ListItemSecondaryAction>
                  </ListItem>
                ))}
              </List>
              <Button variant="outlined" onClick={() => setAdding(true)}>
                Add template step
              </Button>
            </>
          )}
          {active === 2 && (
            <>
              <Typography variant="h6">{details.name}</Typography>
              <Typography variant="body2">
                {details.type}
                {details.versionNumber ? ` · ${details.versionNumber}` : ''}
                {details.releaseDate ? ` · ${details.releaseDate}` : ''}
              </Typography>
              <Typography variant="body2">
                {templates.filter(t => t.category === 'deploy').length} deploy
                and {templates.filter(t => t.category === 'verify').length}{' '}
                verify steps. The release is created as a draft.
              </Typography>
            </>
          )}
          <Box mt={3} display="flex" style={{ gap: 8 }}>
            <Button
              disabled={active === 0 || writes.busy}
              onClick={() => setActive(a => a - 1)}
            >
              Back
            </Button>
            {active < STEPS.length - 1 ? (
              <Button variant="contained" color="primary" onClick={next}>
                Next
              </Button>
            ) : (
              <Button
                variant="contained"
                color="primary"
                disabled={writes.busy || !valid}
                onClick={create}
              >
                Create release
              </Button>
            )}
          </Box>
        </Box>
      </Paper>
      {adding && (
        <TemplateStepDialog
          onClose={() => setAdding(false)}
          onSave={async fields => {
            setTemplates(list => [...list, fields]);
            setAdding(false);
          }}
        />
      )}
    </Content>
  );
};

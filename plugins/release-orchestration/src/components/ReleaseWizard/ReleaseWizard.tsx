import { parseEntityRef } from '@backstage/catalog-model';
import { Content, ContentHeader } from '@backstage/core-components';
import { errorApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  CreateReleaseRequest,
  CreateTemplateRequest,
  ReleaseType,
  RELEASE_TYPES,
} from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { releaseOrchestrationApiRef } from '../../api';
import { usePaths } from '../paths';
import { TemplateStepDialog } from '../TemplateStepDialog';

const STEPS = ['Details', 'Template steps', 'Review'];

/** @internal */
export interface WizardDetails {
  name: string;
  type: ReleaseType;
  versionNumber: string;
  releaseDate: string;
  description: string;
  catalogEntityRef: string;
}

/**
 * The problems of the details, by field; empty when they can be saved.
 *
 * @internal
 */
export function validateDetails(
  details: WizardDetails,
): Partial<Record<keyof WizardDetails, string>> {
  const errors: Partial<Record<keyof WizardDetails, string>> = {};
  if (!details.name.trim()) {
    errors.name = 'A name is required';
  } else if (details.name.trim().length > 255) {
    errors.name = 'At most 255 characters';
  }
  if (details.versionNumber.trim().length > 64) {
    errors.versionNumber = 'At most 64 characters';
  }
  const date = details.releaseDate.trim();
  if (
    date &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
  ) {
    errors.releaseDate = 'Use YYYY-MM-DD';
  }
  const ref = details.catalogEntityRef.trim();
  if (ref) {
    try {
      const parsed = parseEntityRef(ref, { defaultKind: 'component' });
      if (!['component', 'system'].includes(parsed.kind.toLowerCase())) {
        errors.catalogEntityRef = 'Must be a Component or a System';
      }
    } catch {
      errors.catalogEntityRef =
        'Not an entity reference, e.g. component:default/payments-api';
    }
  }
  return errors;
}

const orNull = (value: string) => value.trim() || null;

/**
 * Creates a release in three steps: its details, its template steps and a
 * review. The release is created as a draft and opened.
 *
 * @internal
 */
export const ReleaseWizard = () => {
  const api = useApi(releaseOrchestrationApiRef);
  const errorApi = useApi(errorApiRef);
  const navigate = useNavigate();
  const paths = usePaths();
  const [active, setActive] = useState(0);
  const [touched, setTouched] = useState(false);
  const [details, setDetails] = useState<WizardDetails>({
    name: '',
    type: 'release',
    versionNumber: '',
    releaseDate: '',
    description: '',
    catalogEntityRef: '',
  });
  const [templates, setTemplates] = useState<CreateTemplateRequest[]>([]);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = validateDetails(details);
  const valid = Object.keys(errors).length === 0;
  const field = (key: keyof WizardDetails) => ({
    id: `release-${key}`,
    value: details[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
      setDetails(d => ({ ...d, [key]: e.target.value })),
    error: touched && Boolean(errors[key]),
    helperText: touched ? errors[key] : undefined,
    fullWidth: true,
    margin: 'dense' as const,
  });

  const next = () => {
    setTouched(true);
    if (active === 0 && !valid) {
      return;
    }
    setActive(a => a + 1);
  };

  const create = async () => {
    setBusy(true);
    try {
      const request: CreateReleaseRequest = {
        name: details.name.trim(),
        type: details.type,
        versionNumber: orNull(details.versionNumber),
        releaseDate: orNull(details.releaseDate),
        description: orNull(details.description),
        catalogEntityRef: orNull(details.catalogEntityRef),
      };
      const release = await api.createRelease(request);
      for (const template of templates) {
        await api.createTemplate(release.id, template);
      }
      navigate(paths.release(release.id));
    } catch (error) {
      errorApi.post(error as Error);
      setBusy(false);
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
            <>
              <TextField label="Name" required {...field('name')} />
              <TextField select label="Type" {...field('type')}>
                {RELEASE_TYPES.map(t => (
                  <MenuItem key={t} value={t}>
                    {t}
                  </MenuItem>
                ))}
              </TextField>
              <TextField label="Version number" {...field('versionNumber')} />
              <TextField
                label="Release date"
                placeholder="YYYY-MM-DD"
                {...field('releaseDate')}
              />
              <TextField
                label="Ships (catalog entity)"
                placeholder="component:default/payments-api"
                {...field('catalogEntityRef')}
              />
              <TextField
                label="Description"
                multiline
                minRows={2}
                {...field('description')}
              />
            </>
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
              disabled={active === 0 || busy}
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
                disabled={busy || !valid}
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

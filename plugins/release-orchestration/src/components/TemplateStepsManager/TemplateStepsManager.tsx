import { Content, ContentHeader, LinkButton } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import { AsyncView } from '@opshub/opshub-react';
import {
  ReleaseDetail,
  StepCategory,
  StepTemplate,
  STEP_CATEGORIES,
} from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useReleaseRefresh } from '../../hooks/useReleaseSignal';
import { useRelease } from '../../hooks/useReleases';
import { useTemplateWrites } from '../../hooks/useTemplateWrites';
import { usePaths } from '../paths';
import { SortableStepList } from '../SortableStepList';
import { TemplateStepDialog } from '../TemplateStepDialog';

type Editing = { template?: StepTemplate; category: StepCategory };

const byOrder = (a: StepTemplate, b: StepTemplate) =>
  a.orderIndex - b.orderIndex;

const CategoryList = (props: {
  release: ReleaseDetail;
  category: StepCategory;
  onEdit: (template: StepTemplate) => void;
  onChanged: () => void;
}) => {
  const { release, category, onEdit, onChanged } = props;
  const writes = useTemplateWrites(onChanged);
  const { busy } = writes;
  const server = release.templates
    .filter(t => t.category === category)
    .sort(byOrder);
  // the order shown until the refetch after a reorder lands
  const [pending, setPending] = useState<number[]>();
  const items = pending
    ? pending
        .map(id => server.find(t => t.id === id))
        .filter((t): t is StepTemplate => Boolean(t))
    : server;
  const readOnly = release.status === 'archived';

  const reorder = async (templateIds: number[]) => {
    setPending(templateIds);
    await writes.reorderTemplates(release.id, { category, templateIds });
    setPending(undefined);
    onChanged();
  };

  if (items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No {category} steps yet.
      </Typography>
    );
  }
  return (
    <SortableStepList
      items={items}
      onReorder={reorder}
      disabled={readOnly || busy}
      itemLabel={t => t.name}
      renderItem={(t, index) => (
        <>
          <ListItemText
            primary={`${index + 1}. ${t.name}`}
            secondary={t.description ?? undefined}
          />
          <Chip size="small" label={t.type} variant="outlined" />
          <ListItemSecondaryAction>
            <IconButton
              aria-label={`Edit ${t.name}`}
              disabled={readOnly}
              onClick={() => onEdit(t)}
            >
              <EditIcon />
            </IconButton>
            <IconButton
              aria-label={`Delete ${t.name}`}
              disabled={readOnly || busy}
              onClick={async () => {
                if (await writes.deleteTemplate(t)) {
                  onChanged();
                }
              }}
            >
              <DeleteIcon />
            </IconButton>
          </ListItemSecondaryAction>
        </>
      )}
    />
  );
};

/**
 * The template steps of a release, per category, reordered by drag and drop
 * (or the keyboard), added, edited and deleted. Changes reach the pending
 * steps of every customer.
 *
 * @internal
 */
export const TemplateStepsManager = () => {
  const params = useParams();
  const releaseId = Number(params.id);
  const paths = usePaths();
  const { refresh, bump } = useReleaseRefresh(releaseId);
  const state = useRelease(releaseId, refresh);
  const writes = useTemplateWrites(bump);
  const [editing, setEditing] = useState<Editing>();

  return (
    <Content>
      <AsyncView {...state} emptyTitle="Release not found">
        {release => (
          <>
            <ContentHeader title={`Template steps of ${release.name}`}>
              <Box display="flex" style={{ gap: 8 }}>
                <LinkButton to={paths.release(release.id)}>
                  Back to the release
                </LinkButton>
                <Button
                  variant="contained"
                  color="primary"
                  disabled={release.status === 'archived'}
                  onClick={() => setEditing({ category: 'deploy' })}
                >
                  Add template step
                </Button>
              </Box>
            </ContentHeader>
            {STEP_CATEGORIES.map(category => (
              <Box key={category} mb={3}>
                <Paper variant="outlined">
                  <Box p={2}>
                    <Typography variant="h6" gutterBottom>
                      {category === 'deploy' ? 'Deploy' : 'Verify'}
                    </Typography>
                    <CategoryList
                      release={release}
                      category={category}
                      onEdit={template => setEditing({ template, category })}
                      onChanged={bump}
                    />
                  </Box>
                </Paper>
              </Box>
            ))}
            {editing && (
              <TemplateStepDialog
                template={editing.template}
                defaultCategory={editing.category}
                onClose={() => setEditing(undefined)}
                onSave={async fields => {
                  const { template } = editing;
                  const saved = template
                    ? await writes.updateTemplate(template, {
                        name: fields.name,
                        type: fields.type,
                        content: fields.content,
                        description: fields.description,
                      })
                    : await writes.createTemplate(release.id, fields);
                  if (saved !== undefined) {
                    setEditing(undefined);
                    bump();
                  }
                }}
              />
            )}
          </>
        )}
      </AsyncView>
    </Content>
  );
};

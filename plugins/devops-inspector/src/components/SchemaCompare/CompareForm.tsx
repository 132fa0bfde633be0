import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import {
  parseSnapshotRef,
  SchemaSnapshotSummary,
  snapshotRef,
} from '@opshub/plugin-devops-inspector-common';
import { describeRef, snapshotLabel } from '../../utils/compareRefs';

const useStyles = makeStyles(theme => ({
  form: {
    display: 'flex',
    alignItems: 'flex-end',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 220 },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
}));

/** Native options: live environments, then each environment's snapshots. */
function RefOptions(props: {
  live: string[];
  environments: string[];
  snapshots: Record<string, SchemaSnapshotSummary[]>;
  exclude?: (ref: string) => boolean;
}) {
  const { live, environments, snapshots, exclude = () => false } = props;
  return (
    <>
      {live.length > 0 && (
        <optgroup label="Environments (live)">
          {live.map(name => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </optgroup>
      )}
      {environments
        .filter(name => snapshots[name]?.length)
        .map(name => (
          <optgroup key={name} label={`Snapshots of ${name}`}>
            {snapshots[name]
              .filter(s => !exclude(snapshotRef(s.id)))
              .map(s => (
                <option key={s.id} value={snapshotRef(s.id)}>
                  {snapshotLabel(s)}
                </option>
              ))}
          </optgroup>
        ))}
    </>
  );
}

/** @internal */
export interface CompareFormProps {
  environments: string[];
  /** The stored snapshots of each environment. */
  snapshots: Record<string, SchemaSnapshotSummary[]>;
  snapshotById: ReadonlyMap<string, SchemaSnapshotSummary>;
  source: string;
  targets: string[];
  onSourceChange: (source: string) => void;
  onTargetsChange: (targets: string[]) => void;
  onCompare: () => void;
  /** Opens the "take snapshot" dialog for the source's environment. */
  onTakeSnapshot?: () => void;
  /** Set when the user may not take a snapshot: the button is disabled with this tooltip. */
  takeSnapshotDisabledReason?: string;
  /** Saves the source snapshot as a file; shown when the source is a stored snapshot. */
  onDownloadSnapshot?: (id: string) => void;
  /** A download is running. */
  downloading?: boolean;
  busy: boolean;
}

/**
 * The source (an environment or a stored snapshot), the target environments
 * as checkboxes, snapshot targets added from a list, Take snapshot and
 * Compare.
 *
 * @internal
 */
export const CompareForm = (props: CompareFormProps) => {
  const {
    environments,
    snapshots,
    snapshotById,
    source,
    targets,
    onSourceChange,
    onTargetsChange,
    onCompare,
    onTakeSnapshot,
    takeSnapshotDisabledReason,
    onDownloadSnapshot,
    downloading,
    busy,
  } = props;
  const classes = useStyles();
  const sourceSnapshot = snapshotById.get(parseSnapshotRef(source) ?? '');
  const known = environments.includes(source) || sourceSnapshot !== undefined;
  const snapshotTargets = targets.filter(
    t => parseSnapshotRef(t) !== undefined,
  );
  const toggle = (name: string) =>
    onTargetsChange(
      targets.includes(name)
        ? targets.filter(t => t !== name)
        : [...targets, name],
    );
  const hasSnapshots = environments.some(name => snapshots[name]?.length);

  return (
    <Box className={classes.form}>
      <TextField
        select
        id="schema-compare-source"
        label="Source"
        className={classes.select}
        value={source}
        onChange={e => onSourceChange(e.target.value)}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        {!known && source && (
          <option value={source}>{describeRef(source, snapshotById)}</option>
        )}
        <RefOptions
          live={environments}
          environments={environments}
          snapshots={snapshots}
        />
      </TextField>
      {onTakeSnapshot && (
        <Tooltip title={takeSnapshotDisabledReason ?? ''}>
          <span>
            <Button
              variant="outlined"
              onClick={onTakeSnapshot}
              disabled={!!takeSnapshotDisabledReason}
            >
              Take snapshot
            </Button>
          </span>
        </Tooltip>
      )}
      {onDownloadSnapshot && sourceSnapshot && (
        <Tooltip title="The snapshot as a file for opshub-inspector compare (e.g. a baseline committed to git)">
          <span>
            <Button
              variant="outlined"
              onClick={() => onDownloadSnapshot(sourceSnapshot.id)}
              disabled={downloading}
            >
              Download snapshot
            </Button>
          </span>
        </Tooltip>
      )}
      <FormControl component="fieldset">
        <FormLabel component="legend">Targets</FormLabel>
        <FormGroup row>
          {environments
            .filter(name => name !== source)
            .map(name => (
              <FormControlLabel
                key={name}
                control={
                  <Checkbox
                    checked={targets.includes(name)}
                    onChange={() => toggle(name)}
                  />
                }
                label={name}
              />
            ))}
        </FormGroup>
      </FormControl>
      {hasSnapshots && (
        <Box>
          <TextField
            select
            id="schema-compare-snapshot-target"
            label="Add a snapshot target"
            className={classes.select}
            value=""
            onChange={e => {
              if (e.target.value) {
                onTargetsChange([...targets, e.target.value]);
              }
            }}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
          >
            <option value="">Choose a snapshot…</option>
            <RefOptions
              live={[]}
              environments={environments}
              snapshots={snapshots}
              exclude={ref => ref === source || targets.includes(ref)}
            />
          </TextField>
        </Box>
      )}
      {snapshotTargets.length > 0 && (
        <Box className={classes.chips}>
          {snapshotTargets.map(ref => (
            <Chip
              key={ref}
              size="small"
              label={describeRef(ref, snapshotById)}
              onDelete={() => onTargetsChange(targets.filter(t => t !== ref))}
            />
          ))}
        </Box>
      )}
      <Button
        variant="contained"
        color="primary"
        disabled={!source || targets.length === 0 || busy}
        onClick={onCompare}
      >
        Compare
      </Button>
    </Box>
  );
};

import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import {
  SchemaChange,
  SchemaObjectType,
} from '@opshub/plugin-devops-inspector-common';
import { MatrixFilter } from './model';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  select: { minWidth: 150 },
  search: { minWidth: 240 },
}));

const CHANGES: SchemaChange[] = ['added', 'removed', 'modified'];

/** @internal */
export interface MatrixFiltersProps {
  filter: MatrixFilter;
  onChange: (filter: MatrixFilter) => void;
  objectTypes: SchemaObjectType[];
  schemas: string[];
}

const typeLabel = (type: string) => type.replace('_', ' ');

/**
 * The matrix's filters: object type, schema, change, breaking only and a
 * name search. Native selects: cheap to render and to drive from tests.
 *
 * @internal
 */
export const MatrixFilters = (props: MatrixFiltersProps) => {
  const { filter, onChange, objectTypes, schemas } = props;
  const classes = useStyles();
  const one = <T extends string>(value: string): T[] =>
    value ? [value as T] : [];
  return (
    <Box className={classes.bar}>
      <TextField
        select
        id="drift-matrix-type"
        label="Object type"
        className={classes.select}
        value={filter.types[0] ?? ''}
        onChange={e =>
          onChange({ ...filter, types: one<SchemaObjectType>(e.target.value) })
        }
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        <option value="">All types</option>
        {objectTypes.map(type => (
          <option key={type} value={type}>
            {typeLabel(type)}
          </option>
        ))}
      </TextField>
      <TextField
        select
        id="drift-matrix-schema"
        label="Schema"
        className={classes.select}
        value={filter.schemas[0] ?? ''}
        onChange={e =>
          onChange({ ...filter, schemas: one<string>(e.target.value) })
        }
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        <option value="">All schemas</option>
        {schemas.map(schema => (
          <option key={schema} value={schema}>
            {schema}
          </option>
        ))}
      </TextField>
      <TextField
        select
        id="drift-matrix-change"
        label="Change"
        className={classes.select}
        value={filter.changes[0] ?? ''}
        onChange={e =>
          onChange({ ...filter, changes: one<SchemaChange>(e.target.value) })
        }
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        <option value="">All changes</option>
        {CHANGES.map(change => (
          <option key={change} value={change}>
            {change}
          </option>
        ))}
      </TextField>
      <TextField
        id="drift-matrix-search"
        label="Search by name"
        className={classes.search}
        value={filter.search}
        onChange={e => onChange({ ...filter, search: e.target.value })}
        InputLabelProps={{ shrink: true }}
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={filter.breakingOnly}
            onChange={e =>
              onChange({ ...filter, breakingOnly: e.target.checked })
            }
          />
        }
        label="Breaking only"
      />
    </Box>
  );
};

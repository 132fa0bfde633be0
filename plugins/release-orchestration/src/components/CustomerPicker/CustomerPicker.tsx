import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import { Customer } from '@opshub/plugin-release-orchestration-common';

/** @internal */
export interface CustomerPickerProps {
  customers: Customer[];
  selected: ReadonlySet<number>;
  onChange: (selected: Set<number>) => void;
}

/** Customers grouped by cluster name, clusters in name order. @internal */
export function groupByCluster(customers: Customer[]): [string, Customer[]][] {
  const groups = new Map<string, Customer[]>();
  for (const customer of customers) {
    const list = groups.get(customer.clusterName) ?? [];
    list.push(customer);
    groups.set(customer.clusterName, list);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * Checkboxes of customers grouped by cluster, with select all / none for
 * everything and per cluster, and a "Selected X of Y customers" count.
 *
 * @internal
 */
export const CustomerPicker = (props: CustomerPickerProps) => {
  const { customers, selected, onChange } = props;
  const toggle = (ids: number[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (on) {
        next.add(id);
      } else {
        next.delete(id);
      }
    }
    onChange(next);
  };
  const allIds = customers.map(c => c.id);
  return (
    <>
      <Box display="flex" alignItems="center" mb={1}>
        <Typography variant="body2" style={{ flexGrow: 1 }}>
          Selected {selected.size} of {customers.length} customers
        </Typography>
        <Button size="small" onClick={() => toggle(allIds, true)}>
          Select all
        </Button>
        <Button size="small" onClick={() => onChange(new Set())}>
          Deselect all
        </Button>
      </Box>
      {groupByCluster(customers).map(([clusterName, members]) => {
        const ids = members.map(c => c.id);
        const count = ids.filter(id => selected.has(id)).length;
        return (
          <Box key={clusterName} mb={1}>
            <FormControlLabel
              label={
                <Typography variant="subtitle2">
                  {clusterName} ({count}/{members.length})
                </Typography>
              }
              control={
                <Checkbox
                  checked={count === members.length}
                  indeterminate={count > 0 && count < members.length}
                  onChange={e => toggle(ids, e.target.checked)}
                  inputProps={{ 'aria-label': `All of ${clusterName}` }}
                />
              }
            />
            <Box pl={4} display="flex" flexDirection="column">
              {members.map(customer => (
                <FormControlLabel
                  key={customer.id}
                  label={`${customer.name} (${customer.namespace})${
                    customer.isActive ? '' : ' — inactive'
                  }`}
                  control={
                    <Checkbox
                      size="small"
                      checked={selected.has(customer.id)}
                      onChange={e => toggle([customer.id], e.target.checked)}
                    />
                  }
                />
              ))}
            </Box>
          </Box>
        );
      })}
    </>
  );
};

import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { AsyncView, Pager, usePaging } from '@opshub/opshub-react';
import { Customer } from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useCustomerSearch } from '../../hooks/useSteps';

/** @internal */
export interface CustomerPickerProps {
  selected: ReadonlySet<number>;
  onChange: (selected: Set<number>) => void;
  /** Customers that cannot be picked, e.g. those already in the release. */
  unavailable?: ReadonlySet<number>;
  /** Shown after an unavailable customer's name. */
  unavailableLabel?: string;
  pageSize?: number;
  /** How long typing pauses before the search is sent. */
  debounceMs?: number;
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
 * Picks customers of every cluster. The search (name or namespace) and the
 * pages are served by `GET /customers?search&limit&offset`, so any number of
 * customers can be picked from; the selection is kept across pages and
 * searches. Inactive customers, and the `unavailable` ones, cannot be picked.
 *
 * @internal
 */
export const CustomerPicker = (props: CustomerPickerProps) => {
  const {
    selected,
    onChange,
    unavailable,
    unavailableLabel = 'unavailable',
    pageSize = 20,
    debounceMs = 300,
  } = props;
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search, debounceMs);
  const paging = usePaging(pageSize);
  const state = useCustomerSearch({
    search: query,
    limit: paging.limit,
    offset: paging.offset,
  });
  const pickable = (customer: Customer) =>
    customer.isActive && !unavailable?.has(customer.id);
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
  const pageIds = (state.value?.items ?? []).filter(pickable).map(c => c.id);

  return (
    <>
      <TextField
        id="customer-search"
        label="Search customers"
        placeholder="Name or namespace"
        value={search}
        onChange={e => {
          setSearch(e.target.value);
          paging.setPage(0);
        }}
        fullWidth
        margin="dense"
        variant="outlined"
        size="small"
      />
      <Box display="flex" alignItems="center" my={1}>
        <Typography variant="body2" style={{ flexGrow: 1 }}>
          Selected {selected.size} customers
        </Typography>
        <Button
          size="small"
          disabled={pageIds.length === 0}
          onClick={() => toggle(pageIds, true)}
        >
          Select page
        </Button>
        <Button
          size="small"
          disabled={selected.size === 0}
          onClick={() => onChange(new Set())}
        >
          Deselect all
        </Button>
      </Box>
      <AsyncView
        {...state}
        isEmpty={page => page.totalCount === 0}
        emptyTitle={
          query.trim()
            ? `No customer matches "${query.trim()}"`
            : 'No customers registered yet'
        }
      >
        {page => (
          <>
            {groupByCluster(page.items).map(([clusterName, members]) => {
              const ids = members.filter(pickable).map(c => c.id);
              const count = ids.filter(id => selected.has(id)).length;
              return (
                <Box key={clusterName} mb={1}>
                  <FormControlLabel
                    label={
                      <Typography variant="subtitle2">
                        {clusterName} ({count}/{ids.length})
                      </Typography>
                    }
                    control={
                      <Checkbox
                        checked={ids.length > 0 && count === ids.length}
                        indeterminate={count > 0 && count < ids.length}
                        disabled={ids.length === 0}
                        onChange={e => toggle(ids, e.target.checked)}
                        inputProps={{ 'aria-label': `All of ${clusterName}` }}
                      />
                    }
                  />
                  <Box pl={4} display="flex" flexDirection="column">
                    {members.map(customer => {
                      let note = '';
                      if (unavailable?.has(customer.id)) {
                        note = ` — ${unavailableLabel}`;
                      } else if (!customer.isActive) {
                        note = ' — inactive';
                      }
                      return (
                        <FormControlLabel
                          key={customer.id}
                          label={`${customer.name} (${customer.namespace})${note}`}
                          control={
                            <Checkbox
                              size="small"
                              disabled={!pickable(customer)}
                              checked={selected.has(customer.id)}
                              onChange={e =>
                                toggle([customer.id], e.target.checked)
                              }
                            />
                          }
                        />
                      );
                    })}
                  </Box>
                </Box>
              );
            })}
            <Pager
              paging={paging}
              count={page.totalCount}
              pageSizes={[...new Set([pageSize, 20, 50, 100])].sort(
                (a, b) => a - b,
              )}
            />
          </>
        )}
      </AsyncView>
    </>
  );
};

import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { SloDefinition, SloSource } from '@opshub/plugin-infra-health-common';
import { FormEvent, useState } from 'react';

/** @internal */
export interface SloDialogProps {
  title: string;
  initial: SloDefinition;
  busy: boolean;
  onCancel(): void;
  /** Resolves truthy when saved, which closes the dialog. */
  onSave(slo: SloDefinition): Promise<unknown>;
}

/**
 * The form of an SLO. It checks only what the user cannot miss (required
 * fields, a number); the backend validates the rest and its 400 message is
 * shown.
 *
 * @internal
 */
export const SloDialog = (props: SloDialogProps) => {
  const { initial } = props;
  const [name, setName] = useState(initial.name);
  const [service, setService] = useState(initial.service);
  const [objective, setObjective] = useState(String(initial.objective));
  const [window, setWindow] = useState(initial.window);
  const [source, setSource] = useState<SloSource>(initial.source);
  const [good, setGood] = useState(initial.good ?? '');
  const [total, setTotal] = useState(initial.total ?? '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const slo: SloDefinition = {
      name: name.trim(),
      service: service.trim(),
      objective: Number(objective),
      window: window.trim(),
      source,
      ...(source === 'prometheus'
        ? { good: good.trim(), total: total.trim() }
        : {}),
    };
    if (await props.onSave(slo)) props.onCancel();
  };

  return (
    <Dialog open onClose={props.onCancel} fullWidth maxWidth="sm">
      <form onSubmit={submit} aria-label={props.title}>
        <DialogTitle>{props.title}</DialogTitle>
        <DialogContent>
          <TextField
            id="slo-name"
            label="Name"
            value={name}
            onChange={e => setName(e.target.value)}
            required
            fullWidth
            margin="dense"
          />
          <TextField
            id="slo-service"
            label="Service"
            value={service}
            onChange={e => setService(e.target.value)}
            required
            fullWidth
            margin="dense"
            helperText="As the opshub.io/health-service annotation names it"
          />
          <TextField
            id="slo-objective"
            label="Objective (%)"
            type="number"
            inputProps={{ step: 'any', min: 0, max: 100 }}
            value={objective}
            onChange={e => setObjective(e.target.value)}
            required
            fullWidth
            margin="dense"
            helperText="e.g. 99.9"
          />
          <TextField
            id="slo-window"
            label="Window"
            value={window}
            onChange={e => setWindow(e.target.value)}
            required
            fullWidth
            margin="dense"
            helperText="A number and one of s, m, h, d, w, e.g. 30d"
          />
          <TextField
            select
            id="slo-source"
            label="Source"
            value={source}
            onChange={e => setSource(e.target.value as SloSource)}
            fullWidth
            margin="dense"
            SelectProps={{ native: true }}
          >
            <option value="checks">Health checks</option>
            <option value="prometheus">Prometheus</option>
          </TextField>
          {source === 'prometheus' && (
            <>
              <TextField
                id="slo-good"
                label="Good events (counter selector)"
                value={good}
                onChange={e => setGood(e.target.value)}
                required
                fullWidth
                margin="dense"
                helperText='e.g. http_requests_total{job="payments",code!~"5.."}'
              />
              <TextField
                id="slo-total"
                label="All events (counter selector)"
                value={total}
                onChange={e => setTotal(e.target.value)}
                required
                fullWidth
                margin="dense"
                helperText='e.g. http_requests_total{job="payments"}'
              />
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onCancel}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={props.busy}
          >
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};

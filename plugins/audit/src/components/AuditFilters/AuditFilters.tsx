import { FormEvent, useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import type {
  AuditEventFilter,
  AuditOutcome,
} from '@internal/plugin-audit-common';
import { dateTimeLocalToIso, isoToDateTimeLocal } from './dateTimeLocal';

type FormState = {
  actor: string;
  action: string;
  plugin: string;
  entityRef: string;
  outcome: string;
  from: string;
  to: string;
};

function toForm(filter: AuditEventFilter): FormState {
  return {
    actor: filter.actor ?? '',
    action: filter.action ?? '',
    plugin: filter.plugin ?? '',
    entityRef: filter.entityRef ?? '',
    outcome: filter.outcome ?? '',
    from: isoToDateTimeLocal(filter.from),
    to: isoToDateTimeLocal(filter.to),
  };
}

function toFilter(
  form: FormState,
  applied: AuditEventFilter,
): AuditEventFilter {
  const filter: AuditEventFilter = {};
  for (const key of ['actor', 'action', 'plugin', 'entityRef'] as const) {
    const value = form[key].trim();
    if (value) {
      filter[key] = value;
    }
  }
  if (form.outcome) {
    filter.outcome = form.outcome as AuditOutcome;
  }
  for (const key of ['from', 'to'] as const) {
    // A valid instant finer than the inputs' minutes (e.g. from a shared link) is kept as it
    // was unless the user changed the field; a value that is not a date cannot be shown, so an
    // empty field drops it.
    const shown = isoToDateTimeLocal(applied[key]);
    const value =
      shown && form[key] === shown
        ? applied[key]
        : dateTimeLocalToIso(form[key]);
    if (value) {
      filter[key] = value;
    }
  }
  return filter;
}

const OUTCOMES: { value: string; label: string }[] = [
  { value: '', label: 'Any outcome' },
  { value: 'initiated', label: 'Initiated' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'failed', label: 'Failed' },
];

export interface AuditFiltersProps {
  /** The filter in force (from the URL). */
  filter: AuditEventFilter;
  onApply(filter: AuditEventFilter): void;
  onClear(): void;
}

/** The filter form: edits are local until Apply; Clear drops every filter. */
export function AuditFilters(props: AuditFiltersProps) {
  const { filter, onApply, onClear } = props;
  const filterKey = JSON.stringify(filter);
  const [form, setForm] = useState<FormState>(() => toForm(filter));

  // Follow the URL (back/forward, a pasted link).
  useEffect(() => {
    setForm(toForm(JSON.parse(filterKey)));
  }, [filterKey]);

  const field = (key: keyof FormState) => ({
    id: `audit-filter-${key}`,
    value: form[key],
    onChange: (event: { target: { value: string } }) =>
      setForm(current => ({ ...current, [key]: event.target.value })),
    variant: 'outlined' as const,
    size: 'small' as const,
    fullWidth: true,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(toFilter(form, filter));
  };

  return (
    <Paper component="form" onSubmit={submit} aria-label="Audit log filters">
      <Box p={2}>
        <Grid container spacing={2}>
          <Grid item xs={12} sm={6} md={3}>
            <TextField
              {...field('actor')}
              label="Actor"
              placeholder="user:default/alice"
            />
          </Grid>
          <Grid item xs={12} sm={6} md={3}>
            <TextField
              {...field('action')}
              label="Action"
              placeholder="catalog.entity-mutate"
            />
          </Grid>
          <Grid item xs={12} sm={6} md={3}>
            <TextField
              {...field('plugin')}
              label="Plugin"
              placeholder="catalog"
            />
          </Grid>
          <Grid item xs={12} sm={6} md={3}>
            <TextField
              {...field('entityRef')}
              label="Entity ref"
              placeholder="component:default/checkout"
            />
          </Grid>
          <Grid item xs={12} sm={4} md={3}>
            <TextField {...field('outcome')} select label="Outcome">
              {OUTCOMES.map(outcome => (
                <MenuItem key={outcome.value} value={outcome.value}>
                  {outcome.label}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
          <Grid item xs={12} sm={4} md={3}>
            <TextField
              {...field('from')}
              type="datetime-local"
              label="From (local time)"
              InputLabelProps={{ shrink: true }}
            />
          </Grid>
          <Grid item xs={12} sm={4} md={3}>
            <TextField
              {...field('to')}
              type="datetime-local"
              label="To (local time)"
              InputLabelProps={{ shrink: true }}
            />
          </Grid>
          <Grid item xs={12} md={3}>
            <Box display="flex" justifyContent="flex-end" height="100%">
              <Box mr={1}>
                <Button type="button" onClick={onClear}>
                  Clear
                </Button>
              </Box>
              <Button type="submit" variant="contained" color="primary">
                Apply
              </Button>
            </Box>
          </Grid>
        </Grid>
      </Box>
    </Paper>
  );
}

import { Content, Header, Page } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  RUN_STATUSES,
  type RunListQuery,
  type RunStatus,
} from '@internal/plugin-provisioning-common';
import { useSearchParams } from 'react-router-dom';
import { RunsView } from '../RunsView/RunsView';

const FILTERS = ['entityRef', 'owner', 'status'] as const;

/** The free-text filters: the query parameter each sets, and how its field reads. */
const TEXT_FILTERS = [
  {
    key: 'entityRef',
    label: 'Entity',
    placeholder: 'component:default/payments-svc',
    minWidth: 300,
  },
  {
    key: 'owner',
    label: 'Team',
    placeholder: 'group:default/payments-team',
    minWidth: 280,
  },
] as const;

/** All provisioning runs: filters (entity, team, status) and the run id live in the URL. */
export function ProvisioningPage() {
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'run') next.delete('run');
    setParams(next, { replace: true });
  };
  const query: RunListQuery = {};
  for (const key of FILTERS) {
    const value = params.get(key)?.trim();
    if (value) (query as Record<string, string>)[key] = value;
  }
  const filtered = Object.keys(query).length > 0;
  return (
    <Page themeId="tool">
      <Header
        title="Provisioning"
        subtitle="Runs started through Argo Events, with the steps their workflows report"
      />
      <Content>
        <Box display="flex" flexWrap="wrap" mb={3} style={{ gap: 16 }}>
          {TEXT_FILTERS.map(({ key, label, placeholder, minWidth }) => (
            <TextField
              key={key}
              label={label}
              placeholder={placeholder}
              variant="outlined"
              size="small"
              value={params.get(key) ?? ''}
              onChange={e => set(key, e.target.value)}
              style={{ minWidth }}
            />
          ))}
          <TextField
            select
            label="Status"
            variant="outlined"
            size="small"
            value={params.get('status') ?? ''}
            onChange={e => set('status', e.target.value)}
            style={{ minWidth: 160 }}
            SelectProps={{
              SelectDisplayProps: { 'aria-label': 'Status' } as any,
            }}
          >
            <MenuItem value="">Any</MenuItem>
            {RUN_STATUSES.map((s: RunStatus) => (
              <MenuItem key={s} value={s}>
                {s}
              </MenuItem>
            ))}
          </TextField>
        </Box>
        <RunsView
          query={query}
          selectedId={params.get('run') ?? undefined}
          onSelect={id => set('run', id)}
          emptyTitle={
            filtered
              ? 'No run matches these filters'
              : 'No provisioning runs yet'
          }
          emptyDescription={
            filtered
              ? 'Clear a filter to see more runs.'
              : 'Runs start from software templates that use the argo-events:trigger action, such as "New environment". Each run is delivered to the Argo Events webhook and its workflow reports every step here.'
          }
        />
      </Content>
    </Page>
  );
}

import { InfoCard, Link } from '@backstage/core-components';
import type {
  CodeScanning,
  RepositoryData,
  WorkflowRun,
} from '@internal/plugin-service-health-common';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { CardBody, CiStateChip, duration, shortSha, timeAgo } from '../cardParts';

function Failure(props: { run: WorkflowRun }) {
  const { failure } = props.run;
  if (!failure) return null;
  return (
    <Typography variant="body2" color="error" component="span" display="block">
      Failed in job <strong>{failure.job}</strong>
      {failure.step ? (
        <>
          , step <strong>{failure.step}</strong>
        </>
      ) : null}{' '}
      · <Link to={failure.logUrl}>log</Link>
    </Typography>
  );
}

function Alerts(props: { scanning: CodeScanning }) {
  const { counts, unavailable } = props.scanning;
  if (unavailable) {
    return (
      <Typography variant="body2" color="textSecondary">
        Code scanning: {unavailable}.
      </Typography>
    );
  }
  return (
    <Typography variant="body2" data-testid="code-scanning-counts">
      Code scanning: {counts.critical} critical, {counts.high} high,{' '}
      {counts.medium} medium, {counts.low} low
      {counts.other ? `, ${counts.other} other` : ''} open
    </Typography>
  );
}

function Runs(props: { data: RepositoryData }) {
  const { data } = props;
  return (
    <>
      <Alerts scanning={data.codeScanning} />
      {data.runs.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No workflow runs on {data.defaultBranch}.
        </Typography>
      ) : (
        <List dense>
          {data.runs.map(r => (
            <ListItem key={r.id} divider data-testid={`run-${r.id}`}>
              <ListItemText
                primary={
                  <>
                    <Link to={r.url}>
                      {r.name} #{r.runNumber}
                    </Link>{' '}
                    {r.title}
                  </>
                }
                secondary={
                  <>
                    {shortSha(r.headSha)} · {timeAgo(r.startedAt)} · took{' '}
                    {duration(r.durationSeconds)}
                    <Failure run={r} />
                  </>
                }
              />
              <CiStateChip state={r.state} />
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
}

/** "CI/CD": the default branch's recent runs; a failure names the failing job and step, with its log. */
export function EntityCiCard() {
  return (
    <InfoCard title="CI/CD">
      <CardBody>{data => <Runs data={data} />}</CardBody>
    </InfoCard>
  );
}

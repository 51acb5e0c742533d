import { InfoCard, Link } from '@backstage/core-components';
import type { RepositoryData } from '@internal/plugin-service-health-common';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { CardBody, CiStateChip, shortSha, timeAgo } from '../cardParts';

function Commits(props: { data: RepositoryData }) {
  const { data } = props;
  return (
    <>
      <Typography variant="body2">
        <Link to={data.url}>{data.slug}</Link> · default branch{' '}
        <strong data-testid="default-branch">{data.defaultBranch}</strong>
      </Typography>
      {data.commits.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No commits on {data.defaultBranch}.
        </Typography>
      ) : (
        <List dense>
          {data.commits.map(c => (
            <ListItem key={c.sha} divider data-testid={`commit-${c.sha}`}>
              <ListItemText
                primary={
                  <>
                    <Link to={c.url}>{shortSha(c.sha)}</Link> {c.message}
                  </>
                }
                secondary={`${c.author} · ${timeAgo(c.time)}`}
              />
              {c.ci ? (
                <Link to={c.ci.url}>
                  <CiStateChip state={c.ci.state} />
                </Link>
              ) : (
                <Typography variant="caption" color="textSecondary">
                  no pipeline run
                </Typography>
              )}
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
}

/** "Code": the repository, its default branch and last commits, each with its pipeline's result. */
export function EntityCodeCard() {
  return (
    <InfoCard title="Code">
      <CardBody>{data => <Commits data={data} />}</CardBody>
    </InfoCard>
  );
}

import { createHash } from 'node:crypto';

/*
 * GitHub REST objects as api.github.com sends them (the fields GitHub's OpenAPI description
 * requires, plus the optional ones the reader uses), for the fake GitHub API. FakeGithub.test.ts
 * validates every one against that description.
 */

/** Where the fake lives: its API base and the base of the pages links point to. */
export interface FakeGithubBases {
  api: string;
  web: string;
}

let nextId = 1000;
const id = () => nextId++;
const nodeId = (kind: string, n: number | string) =>
  Buffer.from(`${kind}:${n}`).toString('base64');

/** A 40-hex commit SHA derived from any text (stable across runs). */
export function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

export function simpleUser(b: FakeGithubBases, login: string) {
  const api = `${b.api}/users/${login}`;
  return {
    login,
    id: 1,
    node_id: nodeId('User', login),
    avatar_url: `${b.web}/${login}.png`,
    gravatar_id: '',
    url: api,
    html_url: `${b.web}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: 'User',
    site_admin: false,
  };
}

/** minimal-repository: names, owner and the URL templates every repository object has. */
export function minimalRepository(
  b: FakeGithubBases,
  owner: string,
  repo: string,
) {
  const api = `${b.api}/repos/${owner}/${repo}`;
  return {
    id: 42,
    node_id: nodeId('Repository', `${owner}/${repo}`),
    name: repo,
    full_name: `${owner}/${repo}`,
    owner: { ...simpleUser(b, owner), type: 'Organization' },
    private: true,
    html_url: `${b.web}/${owner}/${repo}`,
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    hooks_url: `${api}/hooks`,
  };
}

/** GET /repos/{owner}/{repo} */
export function fullRepository(
  b: FakeGithubBases,
  owner: string,
  repo: string,
  defaultBranch: string,
) {
  const host = new URL(b.web).host;
  const t = '2026-01-01T00:00:00Z';
  return {
    ...minimalRepository(b, owner, repo),
    git_url: `git://${host}/${owner}/${repo}.git`,
    ssh_url: `git@${host}:${owner}/${repo}.git`,
    clone_url: `${b.web}/${owner}/${repo}.git`,
    svn_url: `${b.web}/${owner}/${repo}`,
    mirror_url: null,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    subscribers_count: 1,
    network_count: 0,
    size: 120,
    default_branch: defaultBranch,
    open_issues_count: 0,
    open_issues: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'private',
    license: null,
    pushed_at: t,
    created_at: t,
    updated_at: t,
  };
}

/** What a fake commit is made of. */
export interface FakeCommitSpec {
  sha: string;
  message: string;
  author: string;
  /** ISO time. */
  time: string;
}

/** GET /repos/{owner}/{repo}/commits item; `parent` is the previous commit, if any. */
export function commitItem(
  b: FakeGithubBases,
  owner: string,
  repo: string,
  c: FakeCommitSpec,
  parent?: string,
) {
  const api = `${b.api}/repos/${owner}/${repo}`;
  const person = {
    name: c.author,
    email: `${c.author}@users.example`,
    date: c.time,
  };
  return {
    sha: c.sha,
    node_id: nodeId('Commit', c.sha),
    url: `${api}/commits/${c.sha}`,
    html_url: `${b.web}/${owner}/${repo}/commit/${c.sha}`,
    comments_url: `${api}/commits/${c.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${c.sha}`,
      author: person,
      committer: person,
      message: c.message,
      comment_count: 0,
      tree: { sha: fakeSha(`tree:${c.sha}`), url: `${api}/git/trees/x` },
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
    author: simpleUser(b, c.author),
    committer: simpleUser(b, c.author),
    parents: parent
      ? [
          {
            sha: parent,
            url: `${api}/commits/${parent}`,
            html_url: `${b.web}/${owner}/${repo}/commit/${parent}`,
          },
        ]
      : [],
  };
}

export { id as fakeId, nodeId as fakeNodeId };

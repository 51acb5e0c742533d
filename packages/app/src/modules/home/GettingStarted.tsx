import { Link } from '@backstage/core-components';
import {
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  makeStyles,
} from '@material-ui/core';
import CategoryIcon from '@material-ui/icons/Category';
import CreateNewFolderIcon from '@material-ui/icons/CreateNewFolder';
import DescriptionIcon from '@material-ui/icons/Description';
import ExtensionIcon from '@material-ui/icons/Extension';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  list: {
    paddingTop: 0,
    paddingBottom: 0,
  },
  item: {
    alignItems: 'flex-start',
    paddingLeft: 0,
    paddingRight: 0,
  },
  icon: {
    minWidth: 44,
    marginTop: theme.spacing(0.75),
    color: theme.palette.primary.main,
  },
  title: {
    fontWeight: theme.typography.fontWeightMedium as number,
  },
}));

type Step = {
  icon: ReactNode;
  title: string;
  to: string;
  description: string;
};

export const gettingStartedSteps: Step[] = [
  {
    icon: <CategoryIcon />,
    title: 'Find a service in the Catalog',
    to: '/catalog',
    description:
      'Every service, API, system and team on the platform, with its owner, lifecycle, dependencies, Kubernetes workloads and docs on its page.',
  },
  {
    icon: <CreateNewFolderIcon />,
    title: 'Create one from a Template',
    to: '/create',
    description:
      'Start a new service from a Portico software template: it scaffolds the code and the deployment setup and registers the result in the Catalog.',
  },
  {
    icon: <DescriptionIcon />,
    title: 'Read the Docs',
    to: '/docs',
    description:
      'Technical documentation written next to the code (TechDocs), searchable and one click away from each service.',
  },
  {
    icon: <ExtensionIcon />,
    title: 'Browse the API specs',
    to: '/api-docs',
    description:
      'OpenAPI, AsyncAPI, gRPC and GraphQL definitions, with who provides and who consumes each API.',
  },
];

/** Content of the "Getting started with Portico" home page card. */
export const GettingStartedContent = () => {
  const classes = useStyles();
  return (
    <List className={classes.list}>
      {gettingStartedSteps.map(step => (
        <ListItem key={step.to} className={classes.item}>
          <ListItemIcon className={classes.icon}>{step.icon}</ListItemIcon>
          <ListItemText
            primary={
              <Link to={step.to} className={classes.title}>
                {step.title}
              </Link>
            }
            secondary={step.description}
          />
        </ListItem>
      ))}
    </List>
  );
};

export {
  ArgocdNotConnected,
  ArgocdConnectedGate,
  ARGOCD_SETUP_DOCS,
  NOT_CONNECTED_TITLE,
} from './ArgocdNotConnected';

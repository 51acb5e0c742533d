export { roadieArgocdModule } from './roadieArgocdModule';
export {
  catalogModuleArgocdColumn,
  catalogColumnsWithArgocd,
} from './catalogIndexWithArgocd';

export {
  EnvironmentInfoPanel,
  EnvironmentInfoView,
} from './EnvironmentInfoPanel';

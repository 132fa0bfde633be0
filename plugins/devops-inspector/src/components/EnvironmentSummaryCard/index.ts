export {
  EnvironmentSummaryCard,
  EnvironmentSummaryDetails,
} from './EnvironmentSummaryCard';

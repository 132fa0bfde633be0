export {
  CurrentVersionsTable,
  EntityCurrentVersionsCard,
} from './CurrentVersionsCard';

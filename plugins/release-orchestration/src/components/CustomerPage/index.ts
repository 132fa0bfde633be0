export { CustomerPage } from './CustomerPage';

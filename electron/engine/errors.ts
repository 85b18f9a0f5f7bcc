export { ActionableError } from '../contract/errors';

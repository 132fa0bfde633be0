export { DriftMatrix, CHANGE_COLORS, SEVERITY_COLORS } from './DriftMatrix';
export type { DriftMatrixProps } from './DriftMatrix';
export { buildMatrix, definitionFields, filterMatrix } from './model';
export type {
  DefinitionField,
  DriftMatrixModel,
  MatrixColumn,
  MatrixFilter,
  MatrixRow,
} from './model';

import * as api from '@opshub/plugin-devops-inspector-common';
import * as engine from '@opshub/schema-compare';

/** `true` only when A and B are assignable both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// `tsc` fails here when the engine's result and the API's type drift apart
const sameResult: Same<engine.CompareResult, api.CompareResult> = true;
const sameDifference: Same<engine.SchemaDifference, api.SchemaDifference> =
  true;
const sameObjectType: Same<engine.SchemaObjectType, api.SchemaObjectType> =
  true;

describe('the compare types of the engine and of the API', () => {
  it('are the same, and list the same object types in the same order', () => {
    expect([sameResult, sameDifference, sameObjectType]).toEqual([
      true,
      true,
      true,
    ]);
    expect(engine.SCHEMA_OBJECT_TYPES).toEqual(api.SCHEMA_OBJECT_TYPES);
  });
});

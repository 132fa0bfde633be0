/**
 * Test helpers: a throw-away database on the test PostgreSQL, and the schema
 * fixtures the engine's tests compare (hostile names included).
 *
 * @packageDocumentation
 */

export * from './testing/postgres';
export * from './testing/fixtures';

import { mockCredentials } from '@backstage/backend-test-utils';
import { actorOf } from './actor';

describe('actorOf', () => {
  it('names users by entity ref and services by subject', () => {
    expect(actorOf(mockCredentials.user('user:default/jane'))).toBe(
      'user:default/jane',
    );
    expect(actorOf(mockCredentials.service('plugin:catalog'))).toBe(
      'plugin:catalog',
    );
    expect(actorOf(mockCredentials.none())).toBe('unknown');
  });
});

import { alertApiRef, errorApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { TestApiProvider } from '@backstage/test-utils';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { useMutation, UseMutationOptions } from './useMutation';

/** A failed response as an OpsHub backend sends it. */
async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({ error: { name: 'Error', message }, response: {} }),
      {
        status,
        statusText: 'Failed',
        headers: { 'Content-Type': 'application/json' },
      },
    ) as any,
  );
}

function setup(options?: UseMutationOptions) {
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  const errorApi = { post: jest.fn(), error$: jest.fn() };
  const onStale = jest.fn();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider
      apis={[
        [alertApiRef, alertApi],
        [errorApiRef, errorApi],
      ]}
    >
      {children}
    </TestApiProvider>
  );
  const { result } = renderHook(() => useMutation(onStale, options), {
    wrapper,
  });
  return { result, alertApi, errorApi, onStale };
}

describe('useMutation', () => {
  it('resolves to the result and posts the success message', async () => {
    const { result, alertApi } = setup();
    let value: number | undefined;
    await act(async () => {
      value = await result.current.run(async () => 42, 'Saved');
    });
    expect(value).toBe(42);
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Saved', severity: 'success' }),
    );
    expect(result.current.busy).toBe(false);
  });

  it('shows the server message of a 409 and asks the view to refetch', async () => {
    const { result, alertApi, onStale } = setup();
    const error = await responseError(409, 'Release was changed; reload');
    await act(async () => {
      await result.current.run(async () => {
        throw error;
      });
    });
    expect(alertApi.post).toHaveBeenCalledWith({
      message: 'Release was changed; reload',
      severity: 'warning',
    });
    expect(onStale).toHaveBeenCalled();
    expect(result.current.error).toBe(error);
  });

  it('says a 403 is not allowed, a 400 names the field, a 500 goes to the error API', async () => {
    const { result, alertApi, errorApi } = setup();
    const forbidden = await responseError(403, 'Unauthorized');
    const bad = await responseError(400, 'name: Required');
    const boom = await responseError(500, 'boom');
    for (const error of [forbidden, bad, boom]) {
      await act(async () => {
        await result.current.run(async () => {
          throw error;
        });
      });
    }
    expect(alertApi.post.mock.calls.map(([a]) => a.message)).toEqual([
      'You are not allowed to do this. Unauthorized',
      'name: Required',
    ]);
    expect(errorApi.post).toHaveBeenCalledWith(boom);
  });

  it('keeps failures inline when asked, posting nothing', async () => {
    const { result, alertApi, errorApi } = setup({ errors: 'inline' });
    const bad = await responseError(400, 'tables: too many');
    await act(async () => {
      await result.current.run(async () => {
        throw bad;
      });
    });
    expect(result.current.error).toBe(bad);
    expect(alertApi.post).not.toHaveBeenCalled();
    expect(errorApi.post).not.toHaveBeenCalled();
    await act(async () => {
      await result.current.run(async () => 1);
    });
    expect(result.current.error).toBeUndefined();
  });
});

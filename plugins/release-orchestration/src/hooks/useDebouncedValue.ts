import { useEffect, useState } from 'react';

/**
 * `value`, once it has not changed for `delayMs`: for search fields that
 * query the server.
 *
 * @internal
 */
export function useDebouncedValue<T>(value: T, delayMs = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/**
 * The shared write hook of every OpsHub frontend (409 → refetch, 403/4xx →
 * the server's message, 5xx → the error API); it lives in
 * `@opshub/opshub-react`.
 */
export { useMutation } from '@opshub/opshub-react';

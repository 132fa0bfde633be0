import { useSignal } from '@backstage/plugin-signals-react';
import { deploymentSignalChannel } from '@opshub/plugin-deployment-rollback-common';
import {
  createContext,
  ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';

interface RefreshState {
  /** Goes up on every signal of a watched service and on `bump()`. */
  refresh: number;
  bump(): void;
}

const RefreshContext = createContext<RefreshState>({
  refresh: 0,
  bump: () => {},
});

/**
 * Holds the refresh counter that every data hook of the plugin depends on,
 * so a signal or a write refetches every view under it.
 *
 * @internal
 */
export function DeploymentRefreshProvider(props: { children: ReactNode }) {
  const [refresh, setRefresh] = useState(0);
  const bump = useCallback(() => setRefresh(n => n + 1), []);
  const value = useMemo(() => ({ refresh, bump }), [refresh, bump]);
  return (
    <RefreshContext.Provider value={value}>
      {props.children}
    </RefreshContext.Provider>
  );
}

/** @internal */
export function useDeploymentRefresh(): RefreshState {
  return useContext(RefreshContext);
}

const ServiceSignal = (props: { service: string }) => {
  const { bump } = useDeploymentRefresh();
  const { lastSignal } = useSignal(deploymentSignalChannel(props.service));
  useEffect(() => {
    if (lastSignal) {
      bump();
    }
  }, [lastSignal, bump]);
  return null;
};

/**
 * Listens on `deployment-rollback:service:<name>` for each service and
 * refetches the views under the nearest {@link DeploymentRefreshProvider}.
 *
 * @internal
 */
export const ServiceSignals = (props: { services: string[] }) => (
  <>
    {Array.from(new Set(props.services)).map(service => (
      <ServiceSignal key={service} service={service} />
    ))}
  </>
);

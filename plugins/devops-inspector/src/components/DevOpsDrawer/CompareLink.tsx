import { Link } from '@backstage/core-components';
import { useEnvironmentInfo } from '../../hooks/useDrawer';

/**
 * The drawer's link to the Compare tab, with this deployment's environment
 * (`devopsInspector.current`) preselected as the source once it is known.
 *
 * @internal
 */
export const CompareLink = (props: {
  inspectorLink: string;
  onClick: () => void;
}) => {
  const { inspectorLink, onClick } = props;
  const info = useEnvironmentInfo();
  const current = info.value?.current?.name;
  const to = current
    ? `${inspectorLink}/compare?source=${encodeURIComponent(current)}`
    : `${inspectorLink}/compare`;
  return (
    <Link to={to} onClick={onClick}>
      Compare database schemas across environments
    </Link>
  );
};

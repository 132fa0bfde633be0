import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { EnvironmentInfo } from '@opshub/plugin-devops-inspector-common';
import { AsyncView, formatDuration, formatTime } from '@opshub/opshub-react';
import { ReactNode } from 'react';
import { RefreshOptions, useEnvironmentInfo } from '../../hooks/useDrawer';
import { CopyButton } from '../CopyButton';

const UNKNOWN = 'unknown';

const Row = (props: { label: string; children: ReactNode }) => (
  <TableRow>
    <TableCell component="th" scope="row" padding="none">
      {props.label}
    </TableCell>
    <TableCell>{props.children}</TableCell>
  </TableRow>
);

const Copyable = ({ text, what }: { text: string | null; what: string }) =>
  text === null ? (
    <>{UNKNOWN}</>
  ) : (
    <>
      <code>{text}</code> <CopyButton text={text} what={what} />
    </>
  );

/** @internal */
export const EnvironmentInfoView = ({ value }: { value: EnvironmentInfo }) => (
  <Table size="small" aria-label="Environment information">
    <TableBody>
      <Row label="Environment">
        {value.current
          ? `${value.current.name} (${value.current.tier})`
          : 'not configured (devopsInspector.current)'}
      </Row>
      <Row label="Branch">{value.git.branch ?? UNKNOWN}</Row>
      <Row label="Commit">
        <Copyable text={value.git.commit} what="commit" />
      </Row>
      <Row label="Commit date">
        {value.git.commitDate ? formatTime(value.git.commitDate) : UNKNOWN}
      </Row>
      <Row label="Commit message">{value.git.message ?? UNKNOWN}</Row>
      <Row label="App version">
        <Copyable text={value.appVersion} what="app version" />
      </Row>
      <Row label="Backstage">{value.backstageVersion ?? UNKNOWN}</Row>
      <Row label="Node.js">{value.nodeVersion}</Row>
      <Row label="Started">{formatTime(value.startedAt)}</Row>
      <Row label="Deployed">
        {value.deployedAt ? formatTime(value.deployedAt) : UNKNOWN}
      </Row>
      <Row label="Uptime">{formatDuration(value.uptimeSeconds)}</Row>
      {value.databases.map(db => (
        <Row key={db.name} label={`PostgreSQL ${db.name}`}>
          {db.serverVersion ?? `unknown (${db.error ?? 'down'})`}
        </Row>
      ))}
    </TableBody>
  </Table>
);

/**
 * What is deployed here (`GET /environment`): git, versions, uptime and the
 * database server versions. Unknown values say so.
 *
 * @internal
 */
export const EnvironmentInfoPanel = (props: RefreshOptions) => {
  const state = useEnvironmentInfo(props);
  return (
    <AsyncView {...state} emptyTitle="No environment information">
      {value => <EnvironmentInfoView value={value} />}
    </AsyncView>
  );
};

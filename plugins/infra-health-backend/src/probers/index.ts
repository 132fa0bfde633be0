export type { CheckProber, ProbeResult, ProbeTarget } from './types';
export { HttpProber, checkBodyCondition } from './HttpProber';
export { TcpProber, hostAndPort } from './TcpProber';
export { TlsProber, DEFAULT_TLS_WARN_DAYS } from './TlsProber';
export { PostgresProber } from './PostgresProber';
export { parseStatusSet, formatStatusSet } from './statusSet';
export { parseJsonPath, lookupJsonPath } from './jsonPath';

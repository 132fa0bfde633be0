// The log files of `./opshub start`: one per part in .opshub/logs/, the
// backend's as JSON lines.
//
// Backstage's root logger (backend-defaults 0.18) writes JSON only when
// NODE_ENV=production, and has no setting for the format; the portal runs the
// backend with NODE_ENV=development (guest sign-in, allow-all policy). So the
// dev backend prints its readable lines, `<timestamp> <plugin> <level>
// <message> key=<json> ...` (WinstonLogger.colorFormat), and this module turns
// each one back into the JSON object that the production format would have
// written: { timestamp, level, message, plugin, service, ...fields }. Lines
// that are not logger lines (a stack trace, the CLI's own output) become
// { timestamp, level, message, stream } so that every line is JSON.

// eslint-disable-next-line no-control-regex
const ansi = /\u001b\[[0-9;]*m/g;
const head =
  /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (\S+) (error|warn|info|http|verbose|debug|silly) (.*)$/s;
const key = /^([A-Za-z_$][\w$.-]*)=/;

/** key=<json> pairs separated by single spaces, or null if `s` is not that. */
function parseFields(s) {
  const fields = {};
  let i = 0;
  while (i < s.length) {
    const m = key.exec(s.slice(i));
    if (!m) return null;
    let j = i + m[0].length;
    const start = j;
    let inString = false;
    for (; j < s.length; j++) {
      const c = s[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === ' ') break;
    }
    try {
      fields[m[1]] = JSON.parse(s.slice(start, j));
    } catch {
      return null;
    }
    i = j + 1;
  }
  return fields;
}

/** One line of the dev backend's output as a JSON log object. */
export function backendLineToJson(raw, stream = 'stdout', now = new Date()) {
  const line = raw.replace(ansi, '').replace(/\r$/, '');
  const m = head.exec(line);
  if (!m) {
    return {
      timestamp: now.toISOString(),
      level: stream === 'stderr' ? 'warn' : 'info',
      message: line,
      stream,
    };
  }
  const [, timestamp, prefix, level, rest] = m;
  // colorFormat writes `${message} ${fields}`: split at the first space after
  // which the remainder is a complete list of key=<json> fields
  let message = rest;
  let fields = {};
  for (let i = rest.indexOf(' '); i !== -1; i = rest.indexOf(' ', i + 1)) {
    const parsed = parseFields(rest.slice(i + 1));
    if (parsed) {
      message = rest.slice(0, i);
      fields = parsed;
      break;
    }
  }
  const origin =
    prefix === 'backstage' ? { service: prefix } : { plugin: prefix };
  return {
    service: 'backstage',
    ...fields,
    ...origin,
    timestamp,
    level,
    message,
  };
}

/** A readable console line for a JSON log object. */
export function renderJsonLine(entry) {
  if (entry.stream && !entry.plugin && !entry.service) return entry.message;
  const {
    timestamp,
    level,
    message,
    plugin,
    service,
    stream: _stream,
    ...fields
  } = entry;
  const extra = Object.entries(fields)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ');
  return `${timestamp} ${plugin ?? service} ${level} ${message}${
    extra ? ` ${extra}` : ''
  }`;
}

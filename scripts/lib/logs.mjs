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

import fs from 'node:fs';
import path from 'node:path';

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

const DAY_MS = 24 * 60 * 60 * 1000;
const utcDay = date => date.toISOString().slice(0, 10);

/**
 * Days of rotated log files to keep: `OPSHUB_LOG_RETENTION_DAYS`, 30 unless
 * set (seed 003: application logs 30 days).
 */
export function logRetentionDays(env = process.env) {
  const raw = env.OPSHUB_LOG_RETENTION_DAYS;
  if (raw === undefined || raw === '') return 30;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(
      `OPSHUB_LOG_RETENTION_DAYS must be a whole number of days of at least 1, not "${raw}"`,
    );
  }
  return days;
}

/**
 * Deletes the rotated files `<part>.<YYYY-MM-DD>.log` of `dir` whose day is
 * more than `retentionDays` before `now`'s; returns their names.
 */
export function pruneRotatedLogs(dir, retentionDays, now = new Date()) {
  const oldest = utcDay(new Date(now.getTime() - retentionDays * DAY_MS));
  const deleted = [];
  let names = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return deleted;
  }
  for (const name of names) {
    const m = /^[\w-]+\.(\d{4}-\d\d-\d\d)(?:-\d+)?\.log$/.exec(name);
    if (m && m[1] < oldest) {
      fs.rmSync(path.join(dir, name), { force: true });
      deleted.push(name);
    }
  }
  return deleted.sort();
}

/**
 * An append-only log file (`.opshub/logs/<part>.log`) rotated daily: the
 * first write of a new UTC day (and opening a file last written on an
 * earlier day) renames it to `<part>.<its day>.log` and starts a new one;
 * rotated files past the retention are deleted then. `./opshub logs` reads
 * the current file.
 */
export class DailyLogFile {
  constructor(file, options = {}) {
    this.file = file;
    this.now = options.now ?? (() => new Date());
    this.retentionDays = options.retentionDays ?? logRetentionDays();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    let day;
    try {
      day = utcDay(fs.statSync(file).mtime);
    } catch {
      day = undefined;
    }
    this.day = day ?? utcDay(this.now());
    // synchronous appends: a rotation never races a pending open or write
    this.fd = undefined;
    this.rotateIfStale();
    pruneRotatedLogs(path.dirname(file), this.retentionDays, this.now());
  }

  write(text) {
    this.rotateIfStale();
    if (this.fd === undefined) {
      this.fd = fs.openSync(this.file, 'a');
    }
    fs.writeSync(this.fd, text);
  }

  end() {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  rotateIfStale() {
    const today = utcDay(this.now());
    if (this.day === today) return;
    this.end();
    if (fs.existsSync(this.file)) {
      const base = this.file.replace(/\.log$/, '');
      let target = `${base}.${this.day}.log`;
      for (let i = 1; fs.existsSync(target); i++) {
        target = `${base}.${this.day}-${i}.log`;
      }
      fs.renameSync(this.file, target);
    }
    this.day = today;
    pruneRotatedLogs(path.dirname(this.file), this.retentionDays, this.now());
  }
}

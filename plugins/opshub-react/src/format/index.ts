export {
  UNKNOWN_TEXT,
  formatBytes,
  formatDuration,
  formatLatency,
  formatPercent,
  formatRelativeTime,
  formatTime,
} from './format';

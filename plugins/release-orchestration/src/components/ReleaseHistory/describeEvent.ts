import { StepEvent } from '@opshub/plugin-release-orchestration-common';

/**
 * One line for a history entry: what changed, and its note if any.
 *
 * @internal
 */
export function describeEvent(event: StepEvent): string {
  let text: string;
  switch (event.kind) {
    case 'created':
      text = 'Step created';
      break;
    case 'status':
      text = `${event.fromStatus ?? '—'} → ${event.toStatus ?? '—'}`;
      break;
    case 'override':
      text = 'Content overridden';
      break;
    case 'reset':
      text = 'Content reset to the template';
      break;
    case 'template':
      text = 'Template changed';
      break;
    case 'deleted':
      text = 'Step deleted';
      break;
    default:
      text = event.kind;
  }
  return event.note ? `${text} — ${event.note}` : text;
}

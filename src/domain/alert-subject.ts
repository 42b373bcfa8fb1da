import { AlertEvent } from './alert-rules';

/** An alert's delivery subject ref: `<episode id>-<fire or clear>` (a delivery id part, no `:`). */
export function alertRef(episodeId: number, event: AlertEvent): string {
  return `${episodeId}-${event}`;
}

export function parseAlertRef(ref: string): { episodeId: number; event: AlertEvent } | null {
  const match = /^(\d+)-(fire|clear)$/.exec(ref);
  return match ? { episodeId: Number(match[1]), event: match[2] as AlertEvent } : null;
}

/** docs/metrics.md "Monthly usage report": per voicebot, over calls started in the month in the account's zone. */
export interface UsageFigures {
  sessions: number;
  messages: number;
  blocks: number;
  dialingDurationMs: number;
  callDurationMs: number;
  totalCalls: number;
}

export interface BotUsage extends UsageFigures {
  botId: string;
  botName: string;
}

/** The `usage --json` shape of docs/cli.md. */
export interface MonthlyUsage {
  account: string;
  month: string;
  timeZone: string;
  bots: BotUsage[];
  total: UsageFigures;
}

/** A month with no call: every figure 0 (also a voicebot's month before its first call). */
export const EMPTY_USAGE: UsageFigures = {
  sessions: 0,
  messages: 0,
  blocks: 0,
  dialingDurationMs: 0,
  callDurationMs: 0,
  totalCalls: 0,
};

function addUsage(a: UsageFigures, b: UsageFigures): UsageFigures {
  return {
    sessions: a.sessions + b.sessions,
    messages: a.messages + b.messages,
    blocks: a.blocks + b.blocks,
    dialingDurationMs: a.dialingDurationMs + b.dialingDurationMs,
    callDurationMs: a.callDurationMs + b.callDurationMs,
    totalCalls: a.totalCalls + b.totalCalls,
  };
}

export function buildMonthlyUsage(account: string, month: string, timeZone: string, bots: BotUsage[]): MonthlyUsage {
  const sorted = [...bots].sort((a, b) => (a.botId < b.botId ? -1 : a.botId > b.botId ? 1 : 0));
  return { account, month, timeZone, bots: sorted, total: sorted.reduce<UsageFigures>(addUsage, EMPTY_USAGE) };
}

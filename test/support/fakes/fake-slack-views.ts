/**
 * The fake Slack's views (views.open, views.publish, views.update), link unfurls (chat.unfurl), and what
 * Slack checks of the options an app answers a block_suggestion with. Refuses what Slack refuses: a view
 * over 100 blocks, a modal without a trigger or title, a Home for nobody, an unfurl of nothing or with
 * over 50 blocks, an option list over 100.
 */
import { blockProblems, SlackApiError, str, type SlackArgs as Args } from './fake-slack-rules';

export const SLACK_MAX_VIEW_BLOCKS = 100;
export const SLACK_MAX_OPTIONS = 100;
export const SLACK_MAX_OPTION_TEXT = 75;
export const SLACK_MAX_OPTION_VALUE = 150;
export const SLACK_MAX_VIEW_TITLE = 24;

export interface OpenedView {
  triggerId: string;
  view: Args;
}
export interface PublishedHome {
  userId: string;
  view: Args;
  at: number;
}
export interface Unfurl {
  channel?: string;
  ts?: string;
  unfurlId?: string;
  source?: string;
  unfurls: Record<string, { blocks?: unknown[] }>;
}

const isObject = (value: unknown): value is Args =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parsed(value: unknown, field: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new SlackApiError(`invalid_${field}_format`);
  }
}

/** What Slack says of a view: its type, its title and buttons, and its blocks (at most 100, each valid). */
export function viewProblems(view: unknown, type: 'modal' | 'home'): string[] {
  if (!isObject(view)) return ['view must be an object'];
  const problems: string[] = [];
  if (view.type !== type) problems.push(`view type must be ${type}`);
  const blocks = Array.isArray(view.blocks) ? view.blocks : null;
  if (!blocks) problems.push('missing required field: blocks');
  else {
    if (blocks.length > SLACK_MAX_VIEW_BLOCKS)
      problems.push(`no more than ${SLACK_MAX_VIEW_BLOCKS} items allowed [json-pointer:/view/blocks]`);
    // Messages allow 50 blocks; the per-block checks are the same in views.
    problems.push(...blockProblems(blocks.slice(0, 50)).filter((p) => !p.startsWith('no more than')));
    blocks.forEach((block, i) => {
      if (isObject(block) && block.type === 'input' && !isObject(block.element))
        problems.push(`missing required field: element [json-pointer:/view/blocks/${i}]`);
    });
  }
  if (type === 'modal') {
    const title = isObject(view.title) ? view.title.text : undefined;
    if (typeof title !== 'string' || title === '') problems.push('missing required field: title');
    else if (title.length > SLACK_MAX_VIEW_TITLE) problems.push(`must be less than 25 characters: title`);
    const hasInput = (blocks ?? []).some((block) => isObject(block) && block.type === 'input');
    if (hasInput && !isObject(view.submit)) problems.push('a view with input blocks needs submit');
  }
  return problems;
}

/** What Slack says of the options an app answers a block_suggestion with. */
export function optionsProblems(answer: unknown): string[] {
  if (!isObject(answer)) return ['the answer must be a JSON object'];
  const options = answer.options;
  if (!Array.isArray(options)) return ['missing required field: options'];
  const problems: string[] = [];
  if (options.length > SLACK_MAX_OPTIONS) problems.push(`no more than ${SLACK_MAX_OPTIONS} items allowed: options`);
  options.forEach((option, i) => {
    const text = isObject(option) && isObject(option.text) ? option.text : null;
    if (!text || text.type !== 'plain_text' || typeof text.text !== 'string')
      problems.push(`option ${i}: text must be plain_text`);
    else if (text.text.length > SLACK_MAX_OPTION_TEXT) problems.push(`option ${i}: text over ${SLACK_MAX_OPTION_TEXT}`);
    const value = isObject(option) ? option.value : undefined;
    if (typeof value !== 'string' || value === '') problems.push(`option ${i}: missing value`);
    else if (value.length > SLACK_MAX_OPTION_VALUE) problems.push(`option ${i}: value over ${SLACK_MAX_OPTION_VALUE}`);
  });
  return problems;
}

export class SlackViews {
  private opened: OpenedView[] = [];
  private homes: PublishedHome[] = [];
  private unfurlList: Unfurl[] = [];
  private readonly usedTriggers = new Set<string>();

  /** The methods this part answers; undefined for any other. */
  run(method: string, args: Args): Args | undefined {
    switch (method) {
      case 'views.open':
        return this.open(args);
      case 'views.update':
        return this.update(args);
      case 'views.publish':
        return this.publish(args);
      case 'chat.unfurl':
        return this.unfurl(args);
      default:
        return undefined;
    }
  }

  modals(): OpenedView[] {
    return [...this.opened];
  }
  publishedHomes(userId?: string): PublishedHome[] {
    return this.homes.filter((home) => userId === undefined || home.userId === userId);
  }
  unfurls(): Unfurl[] {
    return [...this.unfurlList];
  }
  clear(): void {
    this.opened = [];
    this.homes = [];
    this.unfurlList = [];
    this.usedTriggers.clear();
  }

  private open(args: Args): Args {
    const triggerId = str(args.trigger_id);
    if (!triggerId) throw new SlackApiError('invalid_arguments', ['missing required field: trigger_id']);
    // A trigger opens one view, once (Slack's expire after 3 s; tests have no clock to wait on).
    if (this.usedTriggers.has(triggerId)) throw new SlackApiError('expired_trigger_id');
    const view = parsed(args.view, 'view');
    const problems = viewProblems(view, 'modal');
    if (problems.length) throw new SlackApiError('invalid_arguments', problems);
    this.usedTriggers.add(triggerId);
    this.opened.push({ triggerId, view: view as Args });
    return { view: { id: `V${this.opened.length}`, ...(view as Args) } };
  }

  private update(args: Args): Args {
    const view = parsed(args.view, 'view');
    const problems = viewProblems(view, 'modal');
    if (problems.length) throw new SlackApiError('invalid_arguments', problems);
    return { view: view as Args };
  }

  private publish(args: Args): Args {
    const userId = str(args.user_id);
    if (!userId) throw new SlackApiError('invalid_arguments', ['missing required field: user_id']);
    if (!/^[UW][A-Z0-9]+$/.test(userId)) throw new SlackApiError('user_not_found');
    const view = parsed(args.view, 'view');
    const problems = viewProblems(view, 'home');
    if (problems.length) throw new SlackApiError('invalid_arguments', problems);
    this.homes.push({ userId, view: view as Args, at: Date.now() });
    return { view: view as Args };
  }

  private unfurl(args: Args): Args {
    const byMessage = str(args.channel) && str(args.ts);
    const byId = str(args.unfurl_id) && str(args.source);
    if (!byMessage && !byId) throw new SlackApiError('invalid_arguments', ['channel and ts, or unfurl_id and source']);
    const unfurls = parsed(args.unfurls, 'unfurls');
    if (!isObject(unfurls) || Object.keys(unfurls).length === 0) throw new SlackApiError('invalid_unfurls_format');
    for (const value of Object.values(unfurls)) {
      const blocks = isObject(value) ? value.blocks : undefined;
      const problems = blockProblems(blocks);
      if (problems.length) throw new SlackApiError('invalid_blocks', problems);
    }
    this.unfurlList.push({
      channel: str(args.channel),
      ts: str(args.ts),
      unfurlId: str(args.unfurl_id),
      source: str(args.source),
      unfurls: unfurls as Unfurl['unfurls'],
    });
    return {};
  }
}

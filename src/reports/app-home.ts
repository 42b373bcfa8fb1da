import { AppHomeModel } from '../domain/native-surfaces';
import { listWorkspaceSubscriptions } from '../storage/subscriptions';
import { loadCampaignList } from './campaign-list';
import { ChatAnswer, ChatPlace, withLinkedAccount } from './chat-command-service';
import { ReportDeps } from './report-context';

/** How many of the latest campaigns Home reads; running ones are shown first, then the latest complete ones. */
export const HOME_CAMPAIGNS_READ = 20;
export const HOME_RUNNING_SHOWN = 10;
export const HOME_COMPLETE_SHOWN = 5;

type HomeAnswer = AppHomeModel | Extract<ChatAnswer, { kind: 'unlinked' | 'message' }>;

/**
 * One load per database and workspace at a time: users who open Home together share it, the lookup of the
 * workspace's account included (still read afresh on every open that finds none under way).
 */
const inFlight = new WeakMap<object, Map<string, Promise<HomeAnswer>>>();

async function loadAppHomeOf(deps: ReportDeps, accountId: string, place: Pick<ChatPlace, 'platform' | 'workspaceId'>) {
  const [list, subscriptions] = await Promise.all([
    loadCampaignList(deps, accountId, 'all', HOME_CAMPAIGNS_READ),
    listWorkspaceSubscriptions(deps.db, accountId, place.platform, place.workspaceId),
  ]);
  const model: AppHomeModel = {
    kind: 'app-home',
    accountId,
    locale: list.locale,
    timeZone: list.timeZone,
    running: list.campaigns.filter((c) => c.state !== 'complete').slice(0, HOME_RUNNING_SHOWN),
    complete: list.campaigns.filter((c) => c.state === 'complete').slice(0, HOME_COMPLETE_SHOWN),
    subscriptions,
  };
  return model;
}

/**
 * The Home of a workspace's account; an unlinked workspace gets 'unlinked'. `shared: false` (after a change
 * the user just made) never joins a load that started before it.
 */
export async function loadAppHome(
  deps: ReportDeps,
  place: Pick<ChatPlace, 'platform' | 'workspaceId'>,
  options: { shared?: boolean } = {},
): Promise<HomeAnswer> {
  const loadNow = () =>
    withLinkedAccount<AppHomeModel>(deps, place, (accountId, deps) => loadAppHomeOf(deps, accountId, place));
  if (options.shared === false) return loadNow();
  const loads = inFlight.get(deps.db) ?? new Map<string, Promise<HomeAnswer>>();
  inFlight.set(deps.db, loads);
  const key = JSON.stringify([place.platform, place.workspaceId]);
  const running = loads.get(key);
  if (running) return running;
  const load = loadNow().finally(() => loads.delete(key));
  loads.set(key, load);
  return load;
}

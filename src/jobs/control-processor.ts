import { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { CompletionDeps, processCompletionTick } from './completion-job';
import { processDigest, processFanOut } from './fan-out-job';
import {
  CheckUpdatesPayload,
  ControlPayload,
  DetectCompletionPayload,
  DigestPayload,
  FanOutPayload,
  JOB_NAMES,
  WatchPayload,
} from './queues';
import { runDailyRetention } from './retention';
import { enqueueStaleEdits } from './sweep';
import { enqueueTouchedCampaignWatches, processWatch } from './watch-job';

/** The control queue's jobs by name: completion ticks, fan-outs, digests, update checks, watches, retention. */
export function controlProcessor(deps: CompletionDeps & { personalDataRedis?: { client: Redis; prefix: string } }) {
  return async (job: Job<ControlPayload>): Promise<unknown> => {
    switch (job.name) {
      case JOB_NAMES.detectCompletion:
        return processCompletionTick(deps, { sweep: (job.data as DetectCompletionPayload).at === undefined });
      case JOB_NAMES.fanOut: {
        const { accountId, campaignId } = job.data as FanOutPayload;
        return processFanOut(deps, accountId, campaignId);
      }
      case JOB_NAMES.digest: {
        const { accountId, month } = job.data as DigestPayload;
        return processDigest(deps, accountId, month);
      }
      case JOB_NAMES.checkUpdates: {
        const { accountId } = job.data as CheckUpdatesPayload;
        const second = Math.floor(job.timestamp / 1000);
        return (
          (await enqueueStaleEdits(deps, accountId)) + (await enqueueTouchedCampaignWatches(deps, accountId, second))
        );
      }
      case JOB_NAMES.watch: {
        const { accountId, campaignId } = job.data as WatchPayload;
        return processWatch(deps, { accountId, campaignId });
      }
      case JOB_NAMES.retention:
        return runDailyRetention(deps.db, deps.now?.(), deps.personalDataRedis);
      default:
        throw new Error(`unknown control job ${job.name}`);
    }
  };
}

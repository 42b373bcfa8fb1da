import { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { CompletionDeps, processCompletionTick } from './completion-job';
import { processDigest, processFanOut } from './fan-out-job';
import { CheckUpdatesPayload, ControlPayload, DigestPayload, FanOutPayload, JOB_NAMES } from './queues';
import { runDailyRetention } from './retention';
import { enqueueStaleEdits } from './sweep';

/** The control queue's jobs by name: completion ticks, fan-outs, digests, update checks. */
export function controlProcessor(deps: CompletionDeps & { personalDataRedis?: { client: Redis; prefix: string } }) {
  return async (job: Job<ControlPayload>): Promise<unknown> => {
    switch (job.name) {
      case JOB_NAMES.detectCompletion:
        return processCompletionTick(deps);
      case JOB_NAMES.fanOut: {
        const { accountId, campaignId } = job.data as FanOutPayload;
        return processFanOut(deps, accountId, campaignId);
      }
      case JOB_NAMES.digest: {
        const { accountId, month } = job.data as DigestPayload;
        return processDigest(deps, accountId, month);
      }
      case JOB_NAMES.checkUpdates:
        return enqueueStaleEdits(deps, (job.data as CheckUpdatesPayload).accountId);
      case JOB_NAMES.retention:
        return runDailyRetention(deps.db, deps.now?.(), deps.personalDataRedis);
      default:
        throw new Error(`unknown control job ${job.name}`);
    }
  };
}

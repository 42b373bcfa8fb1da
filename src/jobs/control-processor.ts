import { Job } from 'bullmq';
import { CompletionDeps, processCompletionTick } from './completion-job';
import { processDigest, processFanOut } from './fan-out-job';
import {
  CheckUpdatesPayload,
  ControlPayload,
  DetectCompletionPayload,
  DigestPayload,
  FanOutPayload,
  JOB_NAMES,
} from './queues';
import { enqueueStaleEdits } from './sweep';

/** The control queue's jobs by name: completion ticks, fan-outs, digests, update checks. */
export function controlProcessor(deps: CompletionDeps) {
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
      case JOB_NAMES.checkUpdates:
        return enqueueStaleEdits(deps, (job.data as CheckUpdatesPayload).accountId);
      default:
        throw new Error(`unknown control job ${job.name}`);
    }
  };
}

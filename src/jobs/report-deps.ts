import { Config } from '../config';
import { ReportDeps } from '../reports/report-context';
import { linkSecretsOf, reportDepsFor } from '../reports/recording-links';
import { Db } from '../storage/connection';
import { ReportLinks, createReportLinks } from './report-loader';

/** Report loaders' dependencies as the CLI and the web server make them: recordings through /r/ links. */
export function deliveryReportDeps(config: Config, db: Db): ReportDeps {
  return reportDepsFor(config, db);
}

export function deliveryReportLinks(config: Config): ReportLinks {
  return createReportLinks(config.publicBaseUrl, linkSecretsOf(config)?.current);
}

export interface ReportWiring {
  reportDeps: ReportDeps;
  links: ReportLinks;
  /** A campaign's "Open full report" link, for the chat surfaces' answers; null without a link secret. */
  fullReportUrlFor: (accountId: string, campaignId: string) => string | null;
}

/** What a composition root (the program, an answer thread) hands the reports, chat surfaces and jobs. */
export function reportWiring(config: Config, db: Db): ReportWiring {
  const links = deliveryReportLinks(config);
  return {
    reportDeps: deliveryReportDeps(config, db),
    links,
    fullReportUrlFor: (accountId, campaignId) => links.fullReportUrl(accountId, campaignId),
  };
}

import { Config } from '../config';
import { ReportDeps } from '../reports/report-context';
import { recordingLinkSecret, reportDepsFor } from '../reports/recording-links';
import { Db } from '../storage/connection';
import { ReportLinks, createReportLinks } from './report-loader';

/** The secret behind every signed link (recordings, report pages); undefined: no links. */
export function linkSecretOf(config: Config): string | undefined {
  return recordingLinkSecret(config.recordingLinks.secret, config.encryptionKey);
}

/** Report loaders' dependencies as the CLI and the web server make them: recordings through /r/ links. */
export function deliveryReportDeps(config: Config, db: Db): ReportDeps {
  return reportDepsFor(config, db);
}

export function deliveryReportLinks(config: Config): ReportLinks {
  return createReportLinks(config.publicBaseUrl, linkSecretOf(config));
}

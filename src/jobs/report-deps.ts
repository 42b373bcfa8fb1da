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

import { Connector } from './connector';
import { retellConnector } from './retell';
import { twilioConnector } from './twilio';
import { vapiConnector } from './vapi';

/** Every connector by platform name: the name in the URL, the CLI and the code map. */
const CONNECTORS: readonly Connector[] = [retellConnector, vapiConnector, twilioConnector];

export const CONNECTOR_PLATFORMS: readonly string[] = CONNECTORS.map((connector) => connector.platform);

export function findConnector(platform: string): Connector | undefined {
  return CONNECTORS.find((connector) => connector.platform === platform);
}

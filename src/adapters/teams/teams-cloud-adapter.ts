import { Activity, CloudAdapter, InvokeResponse, TurnContext } from 'botbuilder';
import { AuthenticateRequestResult, AuthenticationError, BotFrameworkAuthentication } from 'botframework-connector';

/** The request did not carry a valid Bot Framework token: answer 401, run nothing. */
export class TeamsUnauthorized extends Error {
  readonly code = 'teams_unauthorized';
  constructor(message: string) {
    super(message);
    this.name = 'TeamsUnauthorized';
  }
}

/**
 * botbuilder's CloudAdapter, with authentication split from the turn so the router answers 401 itself
 * (CloudAdapter.process would print the error to the console) and logs through pino.
 */
export class TeamsCloudAdapter extends CloudAdapter {
  constructor(private readonly authentication: BotFrameworkAuthentication) {
    super(authentication);
  }

  /** Checks the Authorization header against the activity (issuer, audience, serviceUrl, endorsements). */
  async authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await this.authentication.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (isRejectedToken(error)) {
        throw new TeamsUnauthorized(error instanceof Error ? error.message : 'unauthorized');
      }
      throw error;
    }
  }

  /** Runs one authenticated turn; returns what an invoke activity answers (nothing for a message). */
  runTurn(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * A token botbuilder turned down (401/403), or one jsonwebtoken could not verify (bad signature, expired:
 * botbuilder lets those through as they are). Not a metadata endpoint that failed: that stays a 500.
 */
function isRejectedToken(error: unknown): boolean {
  if (error instanceof AuthenticationError) return error.statusCode === 401 || error.statusCode === 403;
  return error instanceof Error && JWT_ERRORS.has(error.name);
}

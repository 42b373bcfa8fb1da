/** RS256 JSON Web Tokens with node:crypto only: one signing key per fake, published as a JWK. */
import {
  createSign,
  createVerify,
  generateKeyPairSync,
  randomUUID,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

const base64url = (input: Buffer | string): string => Buffer.from(input).toString('base64url');

export class JwtSigningKey {
  readonly kid = `fake-${randomUUID()}`;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  /** The public key as a JWK (kty, n, e) plus kid, use and alg, and any extra members (e.g. endorsements). */
  jwk(extra: Record<string, unknown> = {}): JsonWebKey & Record<string, unknown> {
    return { ...this.publicKey.export({ format: 'jwk' }), kid: this.kid, use: 'sig', alg: 'RS256', ...extra };
  }

  sign(claims: JwtClaims): string {
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.kid }));
    const payload = base64url(JSON.stringify(claims));
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(this.privateKey);
    return `${header}.${payload}.${base64url(signature)}`;
  }

  /** The claims of a token this key signed that has not expired; undefined for anything else. */
  verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): JwtClaims | undefined {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return undefined;
    const valid = createVerify('RSA-SHA256')
      .update(`${header}.${payload}`)
      .verify(this.publicKey, Buffer.from(signature, 'base64url'));
    if (!valid) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as JwtClaims;
      return typeof claims.exp === 'number' && claims.exp < nowSeconds ? undefined : claims;
    } catch {
      return undefined;
    }
  }
}

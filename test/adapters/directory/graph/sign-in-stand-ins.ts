import { constants, randomUUID, verify, X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { standInCertPath } from './authority-stand-in.js';

const keyPath = fileURLToPath(new URL('./fixtures/stand-in-key.pem', import.meta.url));
const jwtBearer = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

type Answer = (status: number, body: unknown) => void;

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function handle(onRequest: (req: IncomingMessage, body: string, answer: Answer) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => onRequest(req, Buffer.concat(chunks).toString('utf8'), (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    }));
  };
}

const base64url = (text: string) => Buffer.from(text, 'base64url');

/**
 * Why a client_assertion signed with a certificate is not acceptable, or undefined when it is: the
 * checks Entra makes — signature by the certificate's key (RS256, or PS256 as MSAL signs with a
 * SHA-256 thumbprint), `x5t` / `x5t#S256` the certificate's thumbprint, audience the token
 * endpoint, issuer and subject the client id, not expired.
 */
export function certificateAssertionProblem(jwt: string, certificate: X509Certificate, clientId: string, tokenEndpoint: string): string | undefined {
  const [headerPart, payloadPart, signaturePart] = jwt.split('.');
  if (!headerPart || !payloadPart || !signaturePart) return 'not a JWT';
  const header = JSON.parse(base64url(headerPart).toString('utf8')) as Record<string, string>;
  const payload = JSON.parse(base64url(payloadPart).toString('utf8')) as Record<string, string | number>;
  const data = Buffer.from(`${headerPart}.${payloadPart}`);
  const signature = base64url(signaturePart);
  const signed = header['alg'] === 'PS256'
    ? verify('sha256', data, { key: certificate.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, signature)
    : header['alg'] === 'RS256' && verify('sha256', data, certificate.publicKey, signature);
  if (!signed) return `signature (${header['alg']}) does not verify with the certificate's key`;
  const thumbprint = (hex: string) => Buffer.from(hex.replaceAll(':', ''), 'hex').toString('base64url');
  const thumbprintOk = header['x5t#S256'] ? header['x5t#S256'] === thumbprint(certificate.fingerprint256) : header['x5t'] === thumbprint(certificate.fingerprint);
  if (!thumbprintOk) return 'x5t does not match the certificate';
  if (payload['aud'] !== tokenEndpoint) return `aud ${payload['aud']} is not the token endpoint`;
  if (payload['iss'] !== clientId || payload['sub'] !== clientId) return 'iss and sub must be the client id';
  if (typeof payload['exp'] !== 'number' || payload['exp'] * 1000 < Date.now()) return 'expired';
  return undefined;
}

/**
 * A stand-in Entra token authority (https, OpenID metadata and the v2.0 token endpoint) for the
 * grants that send a client_assertion instead of a secret: a JWT signed with the app's certificate,
 * or a federated token (workload identity). Tokens it issues go into `issued`.
 */
export class AssertionAuthorityStandIn {
  readonly tenantId = '033bf333-b2f0-5833-b1d2-e85131a5bb6b';
  readonly clientId = '7c0ffee0-1d2e-4f3a-8b4c-5d6e7f8a9b0c';
  readonly tokenRequests: Array<Record<string, string>> = [];
  /** Set one of these before a test signs in. */
  certificate?: X509Certificate;
  federatedToken?: string;
  private server: Server | undefined;
  url = '';

  /** Where issued tokens go: point it at the Graph stand-in's set, which holds the tokens Graph accepts. */
  issued = new Set<string>();

  private get base() {
    return `${this.url}/${this.tenantId}`;
  }

  async start(): Promise<this> {
    this.server = createHttpsServer({ cert: readFileSync(standInCertPath), key: readFileSync(keyPath) }, handle((req, body, answer) => {
      const path = new URL(req.url ?? '/', this.url).pathname;
      if (req.method === 'GET' && path === `/${this.tenantId}/v2.0/.well-known/openid-configuration`) {
        return answer(200, {
          issuer: `${this.base}/v2.0`, token_endpoint: `${this.base}/oauth2/v2.0/token`, authorization_endpoint: `${this.base}/oauth2/v2.0/authorize`,
          jwks_uri: `${this.base}/discovery/v2.0/keys`, end_session_endpoint: `${this.base}/oauth2/v2.0/logout`,
          response_types_supported: ['code', 'id_token', 'token'], token_endpoint_auth_methods_supported: ['private_key_jwt'],
        });
      }
      if (req.method === 'POST' && path === `/${this.tenantId}/oauth2/v2.0/token`) return this.token(Object.fromEntries(new URLSearchParams(body)), answer);
      answer(404, { error: 'not_found', error_description: `no ${req.method} ${path} here` });
    }));
    this.url = `https://${await listen(this.server)}`;
    return this;
  }

  private token(form: Record<string, string>, answer: Answer): void {
    this.tokenRequests.push(form);
    if (form['grant_type'] !== 'client_credentials' || form['client_id'] !== this.clientId || form['client_assertion_type'] !== jwtBearer) {
      return answer(400, { error: 'unauthorized_client', error_description: 'AADSTS700016: Application not found in the directory.' });
    }
    const assertion = form['client_assertion'] ?? '';
    const problem = this.certificate
      ? certificateAssertionProblem(assertion, this.certificate, this.clientId, `${this.base}/oauth2/v2.0/token`)
      : assertion === this.federatedToken ? undefined : 'not the federated token';
    if (problem) return answer(401, { error: 'invalid_client', error_description: `AADSTS700027: Client assertion failed signature validation: ${problem}` });
    const token = `assertion-token-${randomUUID()}`;
    this.issued.add(token);
    answer(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/**
 * A stand-in for the managed identity endpoint App Service and Container Apps give a process
 * (IDENTITY_ENDPOINT, with IDENTITY_HEADER as its shared secret): `GET ?api-version=2019-08-01
 * &resource=…&client_id=…` with `X-IDENTITY-HEADER`, answering a token with `expires_on`.
 */
export class ManagedIdentityEndpointStandIn {
  readonly header = `identity-header-${randomUUID()}`;
  readonly requests: Array<{ readonly query: Record<string, string>; readonly header: string | undefined }> = [];
  private server: Server | undefined;
  url = '';

  /** Where issued tokens go: point it at the Graph stand-in's set, which holds the tokens Graph accepts. */
  issued = new Set<string>();

  async start(): Promise<this> {
    this.server = createHttpServer(handle((req, _body, answer) => {
      const query = Object.fromEntries(new URL(req.url ?? '/', this.url).searchParams);
      const header = req.headers['x-identity-header'] as string | undefined;
      this.requests.push({ query, header });
      if (header !== this.header) return answer(401, { statusCode: 401, message: 'No X-IDENTITY-HEADER or the wrong one.' });
      if (query['api-version'] !== '2019-08-01' || !query['resource']) return answer(400, { statusCode: 400, message: 'api-version and resource are required.' });
      const token = `identity-token-${randomUUID()}`;
      this.issued.add(token);
      answer(200, { access_token: token, expires_on: String(Math.floor(Date.now() / 1000) + 3600), resource: query['resource'], token_type: 'Bearer', client_id: query['client_id'] ?? 'system' });
    }));
    this.url = `http://${await listen(this.server)}/msi/token`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

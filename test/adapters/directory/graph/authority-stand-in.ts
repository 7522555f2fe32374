import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The certificate the stand-ins serve (127.0.0.1 and localhost); GroupGate trusts it through AZURE_AUTHORITY_CA_FILE. */
export const standInCertPath = fileURLToPath(new URL('./fixtures/stand-in-cert.pem', import.meta.url));
const keyPath = fileURLToPath(new URL('./fixtures/stand-in-key.pem', import.meta.url));

/**
 * A local stand-in for the Microsoft Entra token authority on https://127.0.0.1 (MSAL accepts no
 * other scheme): the OpenID metadata MSAL reads first, and the v2.0 token endpoint answering the
 * client credentials grant for one app registration, as login.microsoftonline.com does.
 */
export class AuthorityStandIn {
  readonly tenantId = '033bf333-b2f0-5833-b1d2-e85131a5bb6b';
  readonly clientId = '5a1e5c1d-7d3c-4c38-9d61-6a4c3a1b2c3d';
  readonly clientSecret = 'stand-in-secret~value';
  /** Every token request, as form fields. */
  readonly tokenRequests: Array<Record<string, string>> = [];
  /** Tokens issued; the Graph stand-in accepts only these. */
  readonly issued = new Set<string>();
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer({ cert: readFileSync(standInCertPath), key: readFileSync(keyPath) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = new URL(req.url ?? '/', this.url).pathname;
        const answer = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(body));
        };
        const base = `${this.url}/${this.tenantId}`;
        if (req.method === 'GET' && path === `/${this.tenantId}/v2.0/.well-known/openid-configuration`) {
          return answer(200, {
            issuer: `${base}/v2.0`, token_endpoint: `${base}/oauth2/v2.0/token`, authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
            jwks_uri: `${this.url}/${this.tenantId}/discovery/v2.0/keys`, end_session_endpoint: `${base}/oauth2/v2.0/logout`,
            response_types_supported: ['code', 'id_token', 'token'], token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
          });
        }
        if (req.method === 'POST' && path === `/${this.tenantId}/oauth2/v2.0/token`) {
          const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
          this.tokenRequests.push(form);
          if (form['grant_type'] !== 'client_credentials' || form['client_id'] !== this.clientId) {
            return answer(400, { error: 'unauthorized_client', error_description: 'AADSTS700016: Application not found in the directory.' });
          }
          if (form['client_secret'] !== this.clientSecret) {
            return answer(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
          }
          const token = `stand-in-token-${this.issued.size + 1}`;
          this.issued.add(token);
          return answer(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
        }
        answer(404, { error: 'not_found', error_description: `no ${req.method} ${path} here` });
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

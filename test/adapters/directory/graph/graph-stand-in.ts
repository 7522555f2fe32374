import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthorityStandIn, standInCertPath } from './authority-stand-in.js';
import type { StandInTenant } from './stand-in-tenant.js';

type Json = Record<string, unknown>;

// Marks the requests the stand-in sends itself to serve a `$batch`.
const batchMark = 'x-stand-in-in-batch';

/** One request Graph received, as sent. */
export interface GraphRequestSeen {
  readonly method: string;
  readonly path: string;
  /** The raw request target (path and query, exactly as sent). */
  readonly target: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly at: number;
  /** True for a request that arrived inside a `$batch` (not a call of its own). */
  readonly inBatch: boolean;
}

/** A canned answer a test queues for the next matching request (a 429, a 503, ...). */
export interface CannedAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

// `size` is the `$top` a list was asked with: Graph keeps it for every nextLink page, as the skiptoken encodes it.
// `emptyFirst`: an empty page (with a nextLink to the real one) is served first, as Graph sometimes does mid-round.
interface Cursor { readonly items: Json[]; readonly offset: number; readonly size?: number; readonly emptyFirst?: boolean; readonly delta?: { feed: 'users' | 'groups'; version: number; select: string[]; manager: boolean } }

/**
 * A local Microsoft Graph stand-in on http://127.0.0.1 speaking Graph v1.0 JSON for what GroupGate
 * calls: users and groups delta feeds (nextLink pages, deltaLink rounds, `members@delta`), lists
 * with `$top` and nextLink, `$select`, `$ref` member writes with Graph's 400/404 answers, PATCH,
 * subscribedSkus, organization, role assignments with their scopes, license states, installing the Teams app for a
 * user; plus the token authority (https).
 * Links it hands out carry opaque tokens it looks up by the exact request target, so a client
 * that rebuilt or re-encoded them would be refused.
 */
export class GraphStandIn {
  readonly authority = new AuthorityStandIn();
  readonly requests: GraphRequestSeen[] = [];
  /** Page size of delta feeds and of lists without `$top`. */
  pageSize = 100;
  /**
   * Members per group object in the groups delta: a group with more comes again at the end of the
   * round with the rest (only its id and `members@delta`), as Graph splits a big group's members.
   */
  membersPerObject = Infinity;
  /** Delta pages carrying objects are each followed by an empty page that still has a nextLink. */
  emptyPages = false;
  /** Objects (by id) sent twice in a round they are in: first with these older fields, later as they are (the later wins). */
  readonly staleFirst = new Map<string, Json>();
  /** Teams apps in the organisation's app catalog, by catalog id (what `teamsApp@odata.bind` names). */
  readonly teamsCatalog = new Set<string>();
  /** The catalog apps installed in each user's personal scope. */
  readonly installedTeamsApps = new Map<string, Set<string>>();
  /** Application permissions the token lacks: a call that needs one is refused 403, as Graph refuses it. */
  readonly missingPermissions = new Set<string>();
  private readonly canned: Array<{ method: string; path: string; skip: number; answer: CannedAnswer }> = [];
  private readonly cursors = new Map<string, Cursor>();
  /** Delta links handed out so far that now fail, and how. */
  private readonly expiredLinks = new Map<string, 'tooOld' | 'reset'>();
  private server: Server | undefined;
  url = '';

  constructor(readonly tenant: StandInTenant) {}

  /** What GroupGate needs to use this stand-in as its Graph directory. */
  env(): Record<string, string> {
    return {
      DIRECTORY: 'graph', AZURE_TENANT_ID: this.authority.tenantId, AZURE_CLIENT_ID: this.authority.clientId, AZURE_CLIENT_SECRET: this.authority.clientSecret,
      GRAPH_BASE_URL: this.url, AZURE_AUTHORITY_HOST: this.authority.url, AZURE_AUTHORITY_CA_FILE: standInCertPath,
    };
  }

  /** Answers the next requests matching method and path prefix with these, in order. */
  answerNext(method: string, path: string, ...answers: CannedAnswer[]): void {
    this.canned.push(...answers.map((answer) => ({ method, path, skip: 0, answer })));
  }

  /** Answers one request matching method and path prefix with this, after serving `skip` of them as usual (a feed failing on its third page). */
  answerLater(method: string, path: string, skip: number, answer: CannedAnswer): void {
    this.canned.push({ method, path, skip, answer });
  }

  /**
   * Makes every stored deltaLink fail as Graph's do: `tooOld` answers 400 syncStateNotFound (a token
   * unused for about 7 days), `reset` 410 Gone with a Location to start again (a maintenance reset).
   */
  expireDeltaLinks(how: 'tooOld' | 'reset' = 'tooOld'): void {
    for (const [target, cursor] of this.cursors) if (cursor.delta && cursor.offset === -1) this.expiredLinks.set(target, how);
  }

  /** The HTTP calls clients made: requests inside a `$batch` left out, the batch itself counted once. */
  calls(): GraphRequestSeen[] {
    return this.requests.filter((r) => !r.inBatch);
  }

  /** Requests whose path starts with `prefix` (after /v1.0), optionally of one method; reads inside a `$batch` count too. */
  seen(prefix: string, method?: string): GraphRequestSeen[] {
    return this.requests.filter((r) => r.path.startsWith(`/v1.0${prefix}`) && (!method || r.method === method));
  }

  async start(): Promise<this> {
    await this.authority.start();
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const target = req.url ?? '/';
        const url = new URL(target, this.url);
        const raw = Buffer.concat(chunks).toString('utf8');
        const seen = {
          method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), target, query: url.searchParams, headers: req.headers,
          body: raw ? JSON.parse(raw) : undefined, at: Date.now(), inBatch: req.headers[batchMark] !== undefined,
        };
        this.requests.push(seen);
        this.handle(seen, res);
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
    await this.authority.stop();
  }

  private handle(req: GraphRequestSeen, res: ServerResponse): void {
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    if (!token || !this.authority.issued.has(token)) return send(res, 401, graphError('InvalidAuthenticationToken', 'Access token is empty or invalid.'));
    const canned = this.canned.findIndex((c) => c.method === req.method && req.path.startsWith(`/v1.0${c.path}`));
    if (canned >= 0 && this.canned[canned]!.skip > 0) this.canned[canned]!.skip--;
    else if (canned >= 0) {
      const { answer } = this.canned.splice(canned, 1)[0]!;
      return send(res, answer.status, answer.body ?? graphError('TooManyRequests', 'Too many requests.'), answer.headers);
    }
    const cursor = this.cursors.get(req.target);
    const expired = this.expiredLinks.get(req.target);
    if (expired === 'tooOld') return send(res, 400, graphError('syncStateNotFound', 'The requested sync state could not be found. Please re-sync.'));
    if (expired === 'reset') {
      return send(res, 410, graphError('resyncRequired', 'Resync required. Replace any local cached data with the results of the resync.'), { location: `${this.url}${req.path}` });
    }
    if (cursor) return this.page(res, req.path, cursor, undefined, req.headers['prefer'] === 'return=minimal');
    if (req.query.has('$skiptoken') || req.query.has('$deltatoken')) return send(res, 400, graphError('Request_BadRequest', 'Unrecognized skip or delta token.'));
    const route = this.route(req);
    if (route) return route(res);
    send(res, 404, graphError('Request_ResourceNotFound', `Resource '${req.path}' does not exist or one of its queried reference-property objects are not present.`));
  }

  private route(req: GraphRequestSeen): ((res: ServerResponse) => void) | undefined {
    const parts = req.path.replace(/^\/v1\.0\//, '').split('/');
    const select = (req.query.get('$select') ?? '').split(',').filter(Boolean);
    const top = Math.min(Number(req.query.get('$top') ?? this.pageSize), 999);
    const tenant = this.tenant;
    const notFound = (what: string) => (res: ServerResponse) => send(res, 404, graphError('Request_ResourceNotFound', `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`));
    const refs = (ids: readonly string[]) => ids.map((id) => ({ '@odata.type': '#microsoft.graph.user', id }));
    const [collection, id, nav, member, ref] = parts;
    // Delta queries on users and groups do not support `$expand`; `manager` is tracked when selected.
    if (req.method === 'GET' && (collection === 'users' || collection === 'groups') && id === 'delta' && req.query.has('$expand')) {
      return (res) => send(res, 400, graphError('Request_UnsupportedQuery', `Unsupported query: $expand is not supported on ${collection} delta.`));
    }
    if (req.method === 'GET' && collection === 'users' && id === 'delta') {
      const manager = select.includes('manager');
      return (res) => this.startDelta(res, req.path, { feed: 'users', version: tenant.version, select, manager }, this.shape(tenant.usersSince(undefined, select, manager)));
    }
    if (req.method === 'GET' && collection === 'groups' && id === 'delta') {
      return (res) => this.startDelta(res, req.path, { feed: 'groups', version: tenant.version, select, manager: false }, this.shape(this.split(tenant.groupsSince(undefined, select))));
    }
    if (req.method === 'GET' && collection === 'users' && !id) {
      const all = [...tenant.users.keys()].map((u) => (select.includes('licenseAssignmentStates') ? { id: u, licenseAssignmentStates: tenant.licenseStates.get(u) ?? [] } : tenant.userView(u, select, false)!));
      return (res) => this.page(res, req.path, { items: all, offset: 0, size: top });
    }
    if (collection === 'users' && id && !nav) {
      if (req.method !== 'GET' || !tenant.users.has(id)) return notFound(id);
      const states = select.includes('licenseAssignmentStates') ? { licenseAssignmentStates: tenant.licenseStates.get(id) ?? [] } : {};
      return (res) => send(res, 200, { ...tenant.userView(id, select, false), ...states });
    }
    if (collection === 'users' && id && nav === 'teamwork' && member === 'installedApps' && !ref && req.method === 'POST') return this.installTeamsApp(id, req.body);
    if (collection === 'users' && id && nav === 'reprocessLicenseAssignment' && req.method === 'POST') return tenant.users.has(id) ? (res) => send(res, 200, { id }) : notFound(id);
    const group = collection === 'groups' && id ? tenant.groups.get(id) : undefined;
    if (collection === 'groups' && id && !group) return notFound(id);
    if (group && !nav && req.method === 'GET') return (res) => send(res, 200, { id, ...Object.fromEntries(select.filter((f) => f in group.data).map((f) => [f, group.data[f]])) });
    if (group && !nav && req.method === 'PATCH') return (res) => (tenant.updateGroup(id!, req.body as Json), send(res, 204));
    if (group && (nav === 'members' || nav === 'owners') && req.method === 'GET' && !member) {
      // Members are directoryObjects; a user's own properties come with `$select`, as licenseAssignmentStates does.
      const states = (u: string) => (select.includes('licenseAssignmentStates') ? { licenseAssignmentStates: tenant.licenseStates.get(u) ?? [] } : {});
      return (res) => this.page(res, req.path, { items: refs(group[nav]).map((r) => ({ ...r, ...states(r.id) })), offset: 0, size: top });
    }
    const refused = group && nav === 'members' && (req.method === 'POST' || req.method === 'DELETE') ? memberWriteRefused(group.data) : undefined;
    if (refused) return (res) => send(res, refused.status, graphError(refused.code, refused.message));
    if (group && nav === 'members' && member === '$ref' && req.method === 'POST') {
      const userId = String((req.body as Json)?.['@odata.id'] ?? '').split('/').pop() ?? '';
      if (!tenant.users.has(userId)) return notFound(userId);
      if (!tenant.addToList(id!, userId)) return (res) => send(res, 400, graphError('Request_BadRequest', "One or more added object references already exist for the following modified properties: 'members'."));
      return (res) => send(res, 204);
    }
    if (group && nav === 'members' && member && ref === '$ref' && req.method === 'DELETE') return tenant.removeFromList(id!, member) ? (res) => send(res, 204) : notFound(member);
    if (group && nav === 'owners' && member === '$ref' && req.method === 'POST') {
      const userId = String((req.body as Json)?.['@odata.id'] ?? '').split('/').pop() ?? '';
      if (!tenant.users.has(userId)) return notFound(userId);
      if (!tenant.addToList(id!, userId, 'owners')) return (res) => send(res, 400, graphError('Request_BadRequest', "One or more added object references already exist for the following modified properties: 'owners'."));
      return (res) => send(res, 204);
    }
    if (group && nav === 'owners' && member && ref === '$ref' && req.method === 'DELETE') return tenant.removeFromList(id!, member, 'owners') ? (res) => send(res, 204) : notFound(member);
    if (req.method === 'POST' && collection === 'groups' && !id) return this.createGroup(req.body as Json);
    if (req.method === 'GET' && collection === 'groupSettings' && !id) return (res) => send(res, 200, { value: tenant.groupSettings });
    if (req.method === 'GET' && collection === 'policies' && id === 'authorizationPolicy') return (res) => send(res, 200, tenant.authorizationPolicy);
    if (req.method === 'GET' && collection === 'subscribedSkus') return (res) => send(res, 200, { value: tenant.skus });
    if (req.method === 'GET' && collection === 'organization') return (res) => send(res, 200, { value: [tenant.organization] });
    if (req.method === 'POST' && collection === '$batch' && !id) return (res) => void this.batch(req, res);
    if (req.method === 'GET' && collection === 'groups' && !id) {
      // The one group listing GroupGate asks for: the groups where group licensing failed for someone.
      if (req.query.get('$filter') !== 'hasMembersWithLicenseErrors eq true') return (res) => send(res, 400, graphError('Request_UnsupportedQuery', 'The stand-in lists groups only with $filter=hasMembersWithLicenseErrors eq true.'));
      const failing = [...tenant.groups.keys()].filter((g) => this.membersWithLicenseErrors(g).length > 0).map((g) => ({ id: g }));
      return (res) => this.page(res, req.path, { items: failing, offset: 0, size: top });
    }
    if (group && nav === 'membersWithLicenseErrors' && req.method === 'GET') {
      const users = this.membersWithLicenseErrors(id!).map((u) => ({ '@odata.type': '#microsoft.graph.user', id: u, ...(select.includes('licenseAssignmentStates') ? { licenseAssignmentStates: tenant.licenseStates.get(u) ?? [] } : {}) }));
      return (res) => this.page(res, req.path, { items: users, offset: 0, size: top });
    }
    if (req.method === 'GET' && collection === 'roleManagement' && id === 'directory' && nav === 'roleAssignments' && !member) return this.roleAssignments(req);
    return undefined;
  }

  /**
   * `GET /roleManagement/directory/roleAssignments`: `$filter` on roleDefinitionId, principalId or
   * directoryScopeId with `eq` or `in`, `$expand=principal` (the principal's type and id), `$select`.
   */
  private roleAssignments(req: GraphRequestSeen): ((res: ServerResponse) => void) | undefined {
    const filter = req.query.get('$filter') ?? '';
    const clause = /^(roleDefinitionId|principalId|directoryScopeId) (?:eq '([^']*)'|in \(([^)]*)\))$/.exec(filter.trim());
    if (filter && !clause) return (res) => send(res, 400, graphError('Request_UnsupportedQuery', 'Unsupported or invalid query filter clause specified.'));
    const wanted = clause ? (clause[2] !== undefined ? [clause[2]] : [...clause[3]!.matchAll(/'([^']*)'/g)].map((m) => m[1]!)) : undefined;
    const field = clause?.[1] as 'roleDefinitionId' | 'principalId' | 'directoryScopeId' | undefined;
    const select = (req.query.get('$select') ?? '').split(',').filter(Boolean);
    const expand = req.query.get('$expand');
    if (expand && expand !== 'principal') return (res) => send(res, 400, graphError('Request_BadRequest', `Could not find a property named '${expand}' on type 'microsoft.graph.unifiedRoleAssignment'.`));
    const items = this.tenant.roleAssignments.filter((a) => !field || wanted!.includes(a[field])).map((a) => {
      const { principalType, ...fields } = a;
      const view: Json = select.length ? Object.fromEntries(Object.entries(fields).filter(([name]) => name === 'id' || select.includes(name))) : { ...fields };
      if (expand) view['principal'] = { '@odata.type': `#microsoft.graph.${principalType}`, id: a.principalId };
      return view;
    });
    return (res) => this.page(res, req.path, { items, offset: 0 });
  }

  /**
   * `POST /users/{id}/teamwork/installedApps` (Install app for user): 201 Created with no body, 409
   * Conflict when the app is installed for the user already, 403 without
   * TeamsAppInstallation.ReadWriteSelfForUser.All, 404 for an app not in the catalog or an unknown user.
   * The wording of the 403, 404 and 409 bodies is the stand-in's own.
   */
  private installTeamsApp(userId: string, body: unknown): (res: ServerResponse) => void {
    if (this.missingPermissions.has('TeamsAppInstallation.ReadWriteSelfForUser.All')) {
      return (res) => send(res, 403, graphError('Forbidden', "Missing role permissions on the request. API requires one of 'TeamsAppInstallation.ReadWriteSelfForUser.All, TeamsAppInstallation.ReadWriteForUser.All'. Roles on the request ''."));
    }
    const bind = (body as Json | undefined)?.['teamsApp@odata.bind'];
    const appId = typeof bind === 'string' ? new RegExp(`^${this.url}/v1\.0/appCatalogs/teamsApps/([^/]+)$`).exec(bind)?.[1] : undefined;
    if (!appId) return (res) => send(res, 400, graphError('BadRequest', 'teamsApp@odata.bind must name an app of /appCatalogs/teamsApps.'));
    if (!this.tenant.users.has(userId)) return (res) => send(res, 404, graphError('NotFound', `User '${userId}' was not found.`));
    if (!this.teamsCatalog.has(decodeURIComponent(appId))) return (res) => send(res, 404, graphError('NotFound', `App '${appId}' was not found in the app catalog.`));
    const installed = this.installedTeamsApps.get(userId) ?? new Set<string>();
    if (installed.has(appId)) return (res) => send(res, 409, graphError('Conflict', 'The app is already installed for this user.'));
    this.installedTeamsApps.set(userId, installed.add(appId));
    return (res) => send(res, 201);
  }

  /** Users group licensing failed for in this group: a state it assigned that carries an error. */
  private membersWithLicenseErrors(groupId: string): string[] {
    const members = this.tenant.groups.get(groupId)?.members ?? [];
    return members.filter((u) => (this.tenant.licenseStates.get(u) ?? []).some((state) => state['assignedByGroup'] === groupId && state['error'] && state['error'] !== 'None'));
  }

  /**
   * `POST /$batch` as Graph answers it: up to 20 requests with unique ids, each answered on its own
   * (a throttled one is a 429 inside a 200), in no promised order. Each is served as a request of
   * its own to this stand-in, so canned answers and every route apply to it.
   */
  private async batch(req: GraphRequestSeen, res: ServerResponse): Promise<void> {
    const requests = (req.body as { requests?: unknown } | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0) return send(res, 400, graphError('BadRequest', 'Invalid batch payload format.'));
    if (requests.length > 20) return send(res, 400, graphError('BadRequest', 'Exceeded maximum number of requests: 20.'));
    const ids = requests.map((r: Json) => r['id']);
    if (new Set(ids).size !== ids.length || ids.some((i) => typeof i !== 'string' || !i)) return send(res, 400, graphError('BadRequest', 'Batch request ids must be unique non-empty strings.'));
    const responses = await Promise.all(
      requests.map(async (r: Json) => {
        const url = String(r['url'] ?? '');
        if (!url.startsWith('/')) return { id: r['id'], status: 400, body: graphError('BadRequest', 'Batch request urls must be relative.') };
        const answer = await fetch(`${this.url}/v1.0${url}`, {
          method: String(r['method'] ?? 'GET'),
          headers: { ...(r['headers'] as Record<string, string> | undefined), authorization: req.headers.authorization ?? '', [batchMark]: '1' },
        });
        const text = await answer.text();
        const headers = Object.fromEntries(['retry-after', 'content-type'].flatMap((h) => (answer.headers.get(h) ? [[h === 'retry-after' ? 'Retry-After' : 'Content-Type', answer.headers.get(h)!]] : [])));
        return { id: r['id'], status: answer.status, headers, ...(text ? { body: JSON.parse(text) } : {}) };
      }),
    );
    send(res, 200, { responses: responses.reverse() });
  }

  /** `POST /groups`: Graph's required fields, `@odata.bind` owners and members (20 at most), a mail nickname unique among Microsoft 365 groups. */
  private createGroup(body: Json): (res: ServerResponse) => void {
    const { 'owners@odata.bind': ownerLinks = [], 'members@odata.bind': memberLinks = [], ...fields } = body as Json & { 'owners@odata.bind'?: string[]; 'members@odata.bind'?: string[] };
    const missing = ['displayName', 'mailNickname', 'mailEnabled', 'securityEnabled'].filter((f) => fields[f] === undefined);
    if (missing.length) return (res) => send(res, 400, graphError('Request_BadRequest', `A value is required for property '${missing[0]}' of resource 'Group'.`));
    const ids = (links: string[]) => links.map((link) => link.split('/').pop() ?? '');
    const [owners, members] = [ids(ownerLinks), ids(memberLinks)];
    if (owners.length + members.length > 20) return (res) => send(res, 400, graphError('Request_BadRequest', 'At most 20 owners and members can be added when creating a group.'));
    const unknown = [...owners, ...members].find((u) => !this.tenant.users.has(u));
    if (unknown) return (res) => send(res, 404, graphError('Request_ResourceNotFound', `Resource '${unknown}' does not exist or one of its queried reference-property objects are not present.`));
    const nickname = String(fields['mailNickname']).toLowerCase();
    const unified = (fields['groupTypes'] as string[] | undefined)?.includes('Unified');
    if (unified && [...this.tenant.groups.values()].some((g) => String(g.data['mailNickname'] ?? '').toLowerCase() === nickname)) {
      return (res) => send(res, 400, graphError('Request_BadRequest', 'Another object with the same value for property mailNickname already exists.'));
    }
    return (res) => send(res, 201, { '@odata.context': `${this.url}/v1.0/$metadata#groups/$entity`, ...this.tenant.createGroup(fields, owners, members) });
  }

  private startDelta(res: ServerResponse, path: string, delta: NonNullable<Cursor['delta']>, items: Json[]): void {
    this.page(res, path, { items, offset: 0, delta });
  }

  /**
   * Serves one page of a cursor; the next page (or the next delta round) gets a fresh opaque link.
   * `minimal`: a delta link asked with `Prefer: return=minimal`, so the round sends only what changed.
   */
  private page(res: ServerResponse, path: string, cursor: Cursor, size = cursor.size ?? this.pageSize, minimal = false): void {
    const start = Math.max(cursor.offset, 0);
    if (cursor.offset === -1 && cursor.delta) {
      const { feed, version, select, manager } = cursor.delta;
      const items = this.shape(feed === 'users' ? this.tenant.usersSince(version, select, manager, minimal) : this.split(this.tenant.groupsSince(version, select, minimal)));
      return this.page(res, path, { items, offset: 0, delta: { ...cursor.delta, version: this.tenant.version } }, size);
    }
    const context = `${this.url}/v1.0/$metadata#${path.split('/')[2]}`;
    if (cursor.emptyFirst) return send(res, 200, { '@odata.context': context, value: [], '@odata.nextLink': this.link(path, '$skiptoken', { ...cursor, emptyFirst: false }) });
    const value = cursor.items.slice(start, start + size);
    const body: Json = { '@odata.context': context, value };
    if (start + size < cursor.items.length) body['@odata.nextLink'] = this.link(path, '$skiptoken', { ...cursor, offset: start + size, emptyFirst: this.emptyPages && Boolean(cursor.delta) });
    else if (cursor.delta) body['@odata.deltaLink'] = this.link(path, '$deltatoken', { items: [], offset: -1, delta: cursor.delta });
    send(res, 200, body);
  }

  /**
   * A round's objects with the `staleFirst` ones sent twice: an older copy at the start, the real
   * one where it was. The older copy carries only fields the real one carries (in a minimal round,
   * what changed since the last).
   */
  private shape(items: Json[]): Json[] {
    const older = (item: Json) => Object.entries(this.staleFirst.get(item['id'] as string)!).filter(([field]) => field in item);
    const stale = items.filter((item) => this.staleFirst.has(item['id'] as string)).map((item) => ({ ...item, ...Object.fromEntries(older(item)) }));
    return [...stale, ...items];
  }

  /** Groups with their members past `membersPerObject` sent again at the end of the round. */
  private split(groups: Json[]): Json[] {
    const rest: Json[] = [];
    const first = groups.map((group) => {
      const members = (group['members@delta'] as Json[] | undefined) ?? [];
      if (members.length <= this.membersPerObject) return group;
      for (let at = this.membersPerObject; at < members.length; at += this.membersPerObject) rest.push({ id: group['id'], 'members@delta': members.slice(at, at + this.membersPerObject) });
      return { ...group, 'members@delta': members.slice(0, this.membersPerObject) };
    });
    return [...first, ...rest];
  }

  /** A link with an opaque token (characters a client must not decode or re-encode: `%2B`, `-`, `_`). */
  private link(path: string, name: string, cursor: Cursor): string {
    const token = `${randomBytes(12).toString('base64url')}%2B${randomBytes(6).toString('base64url')}`;
    const target = `${path}?${name}=${token}`;
    this.cursors.set(target, cursor);
    return `${this.url}${target}`;
  }
}

/**
 * Graph's answer to a member write on a group whose members it does not manage: 400 for one synced
 * from on-premises AD, 403 Authorization_RequestDenied (the words of a missing permission) for a
 * dynamic group, a mail-enabled security group or a distribution list (docs/graph.md).
 */
function memberWriteRefused(group: Json): { status: number; code: string; message: string } | undefined {
  if (group['onPremisesSyncEnabled'] === true) {
    return { status: 400, code: 'Request_BadRequest', message: 'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.' };
  }
  const types = (group['groupTypes'] as string[] | undefined) ?? [];
  if (types.includes('DynamicMembership') || (group['mailEnabled'] === true && !types.includes('Unified'))) {
    return { status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' };
  }
  return undefined;
}

function graphError(code: string, message: string): Json {
  return { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomBytes(8).toString('hex') } } };
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Readonly<Record<string, string>> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

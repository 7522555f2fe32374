// GroupGate web chat: pick who you are, talk to GroupGate, see cards arrive live.
// Plain browser JavaScript modules, no build step. Text from the server is always set with textContent.
import { renderCard } from './cards.js';
import { initials, renderPeople } from './people.js';

const $ = (id) => document.getElementById(id);
const state = {
  people: [],
  rooms: [],
  me: undefined,
  where: 'direct',
  /** where -> Map(id -> entry) */
  entries: new Map(),
  unread: new Map(),
  events: undefined,
};

// ---------- server calls ----------

async function api(path, body) {
  const response = await fetch(path, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.message || `GroupGate answered ${response.status}`);
  return answer;
}

async function send(text) {
  const me = state.me;
  const answer = await api('/web/api/messages', { as: me.id, where: state.where, text });
  if (state.me !== me) return; // switched to someone else meanwhile; their page has its own feed
  answer.entries.forEach((entry) => upsert(entry));
  scrollToEnd();
}

async function click(entry, verb, data) {
  const element = document.querySelector(`[data-entry="${entry.where}:${entry.id}"]`);
  element?.classList.add('busy');
  try {
    const me = state.me;
    const answer = await api('/web/api/actions', { as: me.id, where: entry.where, messageId: entry.id, verb, data });
    if (state.me !== me) return;
    answer.entries.forEach((added) => upsert(added));
    // Replies to a click go below; show them (the clicked card itself stays where it is).
    if (answer.entries.some((added) => added.id !== entry.id)) scrollToEnd();
  } catch (error) {
    showProblem(error.message);
  } finally {
    element?.classList.remove('busy');
  }
}

// ---------- people ----------

function showPeople() {
  renderPeople($('people-list'), state.people, { filter: $('filter').value, chosenId: state.me?.id, onChoose: choose });
}

/** Adds people the server sent to those the picker knows (each once). */
function learn(people) {
  const known = new Set(state.people.map((p) => p.id));
  state.people = [...state.people, ...people.filter((p) => !known.has(p.id))];
}

// The server sends a first page (admins and the stories' people); a typed name asks it for the people
// whose names begin so (at most 25), as the picker on a 100,000-person tenant must not list them all.
let searching;
function searchPeople() {
  showPeople();
  clearTimeout(searching);
  const typed = $('filter').value.trim();
  if (typed.length < 2) return;
  searching = setTimeout(async () => {
    try {
      const answer = await api(`/web/api/people?search=${encodeURIComponent(typed)}`);
      learn(answer.people);
      if ($('filter').value.trim() === typed) showPeople();
    } catch (error) {
      setStatus(error.message, false);
    }
  }, 150);
}

function choose(id) {
  const person = state.people.find((p) => p.id === id);
  if (!person) return;
  state.me = person;
  state.where = 'direct';
  state.entries = new Map();
  state.unread = new Map();
  history.replaceState(null, '', `#as=${encodeURIComponent(id)}`);
  $('welcome').hidden = true;
  $('conversation').hidden = false;
  $('me-name').textContent = person.name;
  $('me-role').textContent = [person.role, person.title].filter(Boolean).join(' · ');
  $('me-avatar').textContent = initials(person.name);
  $('me-avatar').className = `avatar ${person.kind}`;
  showPeople();
  renderTabs();
  renderLog();
  listen();
  $('text').focus();
}

// ---------- conversation ----------

function renderTabs() {
  const tabs = $('tabs');
  tabs.replaceChildren();
  const all = [{ id: 'direct', name: 'Chat with GroupGate' }, ...state.rooms];
  for (const tab of all) {
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('role', 'tab');
    button.setAttribute('aria-selected', String(tab.id === state.where));
    button.className = 'tab';
    button.textContent = tab.name;
    if (tab.purpose) button.title = tab.purpose;
    const unread = state.unread.get(tab.id) || 0;
    if (unread > 0 && tab.id !== state.where) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = String(unread);
      button.append(badge);
    }
    button.addEventListener('click', () => {
      state.where = tab.id;
      state.unread.set(tab.id, 0);
      renderTabs();
      renderLog();
    });
    tabs.append(button);
  }
}

function renderLog() {
  const log = $('log');
  log.replaceChildren();
  const entries = [...(state.entries.get(state.where) || new Map()).values()].sort((a, b) => a.id.localeCompare(b.id));
  if (entries.length === 0) {
    const empty = document.createElement('p');
    empty.className = 'log-empty';
    empty.textContent = state.where === 'direct' ? 'Nothing here yet. Type “help” to see what GroupGate can do for you.' : 'Nothing posted in this room yet.';
    log.append(empty);
  }
  for (const entry of entries) log.append(renderEntry(entry));
  scrollToEnd();
}

function renderEntry(entry) {
  const mine = entry.author.kind === 'person' && entry.author.userId === state.me.id;
  const article = document.createElement('article');
  article.className = `entry ${entry.author.kind === 'groupgate' ? 'from-bot' : mine ? 'from-me' : 'from-person'}`;
  article.dataset.entry = `${entry.where}:${entry.id}`;
  const meta = document.createElement('div');
  meta.className = 'meta';
  const time = new Date(entry.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  meta.textContent = `${mine ? 'You' : entry.author.name} · ${time}${entry.updated ? ' · updated' : ''}`;
  article.append(meta);
  if (entry.text !== undefined) {
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.textContent = entry.text;
    article.append(bubble);
  }
  if (entry.card) {
    const holder = document.createElement('div');
    holder.className = 'card';
    holder.append(renderCard(entry.card, (verb, data) => void click(entry, verb, data)));
    article.append(holder);
  }
  return article;
}

function scrollToEnd() {
  $('log').scrollTop = $('log').scrollHeight;
}

/** Adds or replaces one message; the same id may come from the answer and from the event stream. */
function upsert(entry) {
  const bucket = state.entries.get(entry.where) || new Map();
  const known = bucket.get(entry.id);
  if (known && JSON.stringify(known) === JSON.stringify(entry)) return;
  bucket.set(entry.id, entry);
  state.entries.set(entry.where, bucket);
  if (entry.where !== state.where) {
    if (!known) state.unread.set(entry.where, (state.unread.get(entry.where) || 0) + 1);
    renderTabs();
    return;
  }
  const log = $('log');
  log.querySelector('.log-empty')?.remove();
  const element = renderEntry(entry);
  const existing = log.querySelector(`[data-entry="${entry.where}:${entry.id}"]`);
  if (existing) {
    existing.replaceWith(element);
    element.classList.add('flash');
    return;
  }
  const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  const later = [...log.children].find((child) => child.dataset.entry && child.dataset.entry.split(':')[1] > entry.id);
  log.insertBefore(element, later || null);
  if (atBottom) scrollToEnd();
}

function showProblem(text) {
  const note = document.createElement('p');
  note.className = 'problem';
  note.setAttribute('role', 'alert');
  note.textContent = text;
  $('log').append(note);
  scrollToEnd();
}

// ---------- live delivery ----------

function setStatus(text, live) {
  $('status').textContent = text;
  $('status').classList.toggle('live', live);
}

function listen() {
  state.events?.close();
  const events = new EventSource(`/web/events?as=${encodeURIComponent(state.me.id)}`);
  state.events = events;
  setStatus('connecting…', false);
  const take = (message) => {
    if (events !== state.events) return;
    upsert(JSON.parse(message.data));
  };
  events.addEventListener('message', take);
  events.addEventListener('update', take);
  let problem;
  events.addEventListener('ready', () => {
    problem = undefined;
    setStatus(`live as ${state.me.name}`, true);
  });
  // The server could not read the conversation (its store is out of reach); the browser reconnects by itself.
  events.addEventListener('problem', (event) => setStatus((problem = JSON.parse(event.data).message), false));
  events.addEventListener('error', () => {
    if (events === state.events) setStatus(problem ?? 'reconnecting…', false);
  });
}

// ---------- start ----------

$('filter').addEventListener('input', searchPeople);
$('composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $('text');
  const text = input.value.trim();
  if (!text || !state.me) return;
  input.value = '';
  try {
    await send(text);
  } catch (error) {
    input.value = text;
    showProblem(error.message);
  }
});

api('/web/api/people')
  .then((answer) => {
    state.people = answer.people;
    state.rooms = answer.rooms;
    showPeople();
    const wanted = /^#as=(.+)$/.exec(location.hash);
    if (!wanted) return;
    const id = decodeURIComponent(wanted[1]);
    // Someone picked earlier may be past the first page: asked for by id.
    if (state.people.some((p) => p.id === id)) return choose(id);
    return api(`/web/api/people?id=${encodeURIComponent(id)}`).then((found) => {
      learn(found.people);
      choose(id);
    });
  })
  .catch((error) => setStatus(error.message, false));

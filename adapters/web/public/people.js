// The "who are you?" list: the people the page has been sent (a first page, then those a search found), grouped by role.

const kinds = [
  ['admin', 'Admins'],
  ['owner', 'Owners'],
  ['requester', 'Requesters'],
];

// The sample tenant's stories (the welcome panel, npm start's banner) start with these people: listed
// first, under "Start here", so the first one is in view without scrolling. Names not in the tenant are skipped.
const storyPeople = ['Rowan Pike', 'Ines Duarte', 'Ada Ito', 'Dana Lee', 'Riley Chen'];

/** "Rowan Pike" -> "RP". */
export function initials(name) {
  return name.split(/\s+/).map((part) => part[0] || '').join('').slice(0, 2).toUpperCase();
}

function span(className, text) {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}

/** Fills `list` with the people matching `filter`; `onChoose(id)` runs when one is picked. */
export function renderPeople(list, people, { filter, chosenId, onChoose }) {
  const wanted = filter.trim().toLowerCase();
  const shown = people.filter((p) => `${p.name} ${p.role} ${p.title}`.toLowerCase().includes(wanted));
  const story = storyPeople.map((name) => shown.find((p) => p.name === name)).filter(Boolean);
  const groups = [['Start here', story], ...kinds.map(([kind, title]) => [title, shown.filter((p) => p.kind === kind && !story.includes(p))])];
  list.replaceChildren();
  for (const [title, group] of groups) {
    if (group.length === 0) continue;
    const heading = document.createElement('h3');
    heading.textContent = title;
    list.append(heading, ...group.map((person) => personButton(person, person.id === chosenId, onChoose)));
  }
}

function personButton(person, chosen, onChoose) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = chosen ? 'person chosen' : 'person';
  button.dataset.personId = person.id;
  button.title = person.role;
  const text = span('person-text', '');
  text.append(span('person-name', person.name), span('person-role', person.role));
  button.append(span(`avatar ${person.kind}`, initials(person.name)), text);
  button.addEventListener('click', () => onChoose(person.id));
  return button;
}

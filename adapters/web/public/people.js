// The "who are you?" list: everyone in the sample tenant, grouped by role.

const kinds = [
  ['admin', 'Admins'],
  ['owner', 'Owners'],
  ['requester', 'Requesters'],
];

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
  list.replaceChildren();
  for (const [kind, title] of kinds) {
    const group = people.filter((p) => p.kind === kind && `${p.name} ${p.role} ${p.title}`.toLowerCase().includes(wanted));
    if (group.length === 0) continue;
    const heading = document.createElement('h3');
    heading.textContent = title;
    list.append(heading);
    for (const person of group) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = person.id === chosenId ? 'person chosen' : 'person';
      button.dataset.personId = person.id;
      button.title = person.role;
      const text = span('person-text', '');
      text.append(span('person-name', person.name), span('person-role', person.role));
      button.append(span(`avatar ${person.kind}`, initials(person.name)), text);
      button.addEventListener('click', () => onChoose(person.id));
      list.append(button);
    }
  }
}

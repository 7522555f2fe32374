import { describe, expect, it } from 'vitest';
import { nameSkeleton } from '../../../domain/group-management/name-skeleton.js';
import { normaliseGroupName, withoutBidiControls } from '../../../domain/group-management/normalise-group-name.js';

describe('normaliseGroupName', () => {
  it.each([
    ['Atlas\u200bProject', 'AtlasProject'],
    ['Atlas \u200bProject', 'Atlas Project'],
    ['Atlas\u00a0\u00a0Project ', 'Atlas Project'],
    ['\ufeffAtlas Project\u2060', 'Atlas Project'],
    ['Ａｔｌａｓ Ｐｒｏｊｅｃｔ', 'Atlas Project'],
    ['Atlas \u202eProject\u202c', 'Atlas Project'],
    ['Atlas\u00adProject', 'AtlasProject'],
    ['ﬁnance', 'finance'],
    ['Équipe Zürich', 'Équipe Zürich'],
    ['Команда', 'Команда'],
  ])('%j becomes %j', (typed, stored) => expect(normaliseGroupName(typed)).toBe(stored));
});

describe('withoutBidiControls', () => {
  it('takes out embeddings, overrides, isolates and marks, and nothing else', () => {
    expect(withoutBidiControls('because \u202egnitset\u202c \u2067x\u2069 \u200fy\u200e')).toBe('because gnitset x y');
    expect(withoutBidiControls('Zürich — 東京 👍')).toBe('Zürich — 東京 👍');
  });
});

describe('nameSkeleton', () => {
  it.each([
    ['Atlas Pr\u03bfject', 'Greek omicron'],
    ['\u0391tlas Project', 'Greek capital alpha'],
    ['\u0410tl\u0430s Proj\u0435ct', 'Cyrillic A, a and e'],
    ['Atlas\u200b Project', 'zero-width space'],
    ['ATLAS PROJECT', 'capitals'],
    ['Ａｔｌａｓ　Project', 'full-width letters and space'],
    ['At1as Project', 'digit one for l'],
    ['Atlas Pr0ject', 'digit zero for o'],
    ['AtIas Project', 'capital I for l'],
  ])('%j looks like "Atlas Project" (%s)', (name) => expect(nameSkeleton(name)).toBe(nameSkeleton('Atlas Project')));

  it.each([
    ['Atlas Projects'], ['Atlas Programme'], ['Atlás Project'], ['Atlas'], ['Команда'],
  ])('%j does not look like "Atlas Project"', (name) => expect(nameSkeleton(name)).not.toBe(nameSkeleton('Atlas Project')));

  it('reads "rn" as "m"', () => expect(nameSkeleton('Modern Team')).toBe(nameSkeleton('Modem Team')));
});

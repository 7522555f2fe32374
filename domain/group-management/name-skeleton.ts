import { normaliseGroupName } from './normalise-group-name.js';

// Letters of other scripts drawn like Latin ones, after Unicode's confusables list (UTS #39), the
// common part: Greek and Cyrillic capitals and small letters, dotless i, and digits read as letters.
const lookAlikes: Readonly<Record<string, string>> = {
  // Greek
  Α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'l', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't', Υ: 'y', Χ: 'x',
  α: 'a', ο: 'o', ν: 'v', ρ: 'p', τ: 't', ι: 'i', κ: 'k', υ: 'u', χ: 'x', ϲ: 'c', ϳ: 'j',
  // Cyrillic
  А: 'a', В: 'b', Е: 'e', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p', С: 'c', Т: 't', Х: 'x', У: 'y', Ѕ: 's', І: 'l', Ј: 'j', Ԁ: 'd', Ӏ: 'l',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', ԁ: 'd', һ: 'h', ӏ: 'l', ԛ: 'q', ԝ: 'w', ё: 'e',
  // Latin look-alikes of Latin letters, and digits
  ı: 'i', ɡ: 'g', ǀ: 'l', '0': 'o', '1': 'l', '|': 'l',
  // A capital I is drawn as a small l in most sans-serif fonts.
  I: 'l',
};

/**
 * What a group name looks like, for telling look-alikes apart: the normalised name with each
 * look-alike letter replaced by the Latin letter it is drawn as, "rn" read as "m", in small letters
 * and single spaces. Two names with the same skeleton read the same to a person ("Atlas Project"
 * with a Greek omicron, a Cyrillic а, or "Att1as" against "Attlas").
 */
export function nameSkeleton(name: string): string {
  const letters = [...normaliseGroupName(name)].map((char) => lookAlikes[char] ?? char).join('');
  return letters.toLowerCase().replace(/rn/g, 'm').replace(/\s+/g, ' ');
}

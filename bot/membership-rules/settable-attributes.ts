/** How a settable attribute's value is read from what an admin typed. */
export type AttributeKind = 'text' | 'countryCode' | 'date' | 'boolean' | 'userType';

/** A user attribute the embedded tenant lets admins set, by its Graph name, and the Graph field path it lives at. */
export interface SettableAttribute {
  readonly name: string;
  readonly path: readonly string[];
  readonly kind: AttributeKind;
}

const text = (name: string): SettableAttribute => ({ name, path: [name], kind: 'text' });

/**
 * The attributes rules read that an HR system or an admin changes. Identity fields (id, UPN,
 * mail, mailNickname, proxyAddresses) are left out: changing them would change who someone is.
 */
export const settableAttributes: readonly SettableAttribute[] = [
  ...['department', 'country', 'jobTitle', 'city', 'state', 'companyName', 'officeLocation', 'employeeId', 'employeeType', 'postalCode', 'streetAddress', 'preferredLanguage', 'givenName', 'surname', 'displayName', 'mobilePhone', 'faxNumber'].map(text),
  { name: 'usageLocation', path: ['usageLocation'], kind: 'countryCode' },
  { name: 'employeeHireDate', path: ['employeeHireDate'], kind: 'date' },
  { name: 'accountEnabled', path: ['accountEnabled'], kind: 'boolean' },
  { name: 'userType', path: ['userType'], kind: 'userType' },
  ...Array.from({ length: 15 }, (_, i): SettableAttribute => ({ name: `extensionAttribute${i + 1}`, path: ['onPremisesExtensionAttributes', `extensionAttribute${i + 1}`], kind: 'text' })),
];

/** The attribute with this name, ignoring case. */
export const findSettableAttribute = (typed: string) => settableAttributes.find((a) => a.name.toLowerCase() === typed.toLowerCase());

// Graph's limits for most string attributes are 64–256 characters; 256 covers them all.
const maxText = 256;

/** The value to store, or why the typed value doesn't fit; `null` clears the attribute. */
export function readAttributeValue(attribute: SettableAttribute, typed: string): { readonly value: string | boolean | null } | { readonly problem: string } {
  const value = typed.trim().replace(/^["'“”]|["'“”]$/g, '');
  if (/^(?:clear|none|null|nothing)$/i.test(value)) return { value: null };
  switch (attribute.kind) {
    case 'text':
      return value.length > 0 && value.length <= maxText ? { value } : { problem: `a value of 1 to ${maxText} characters` };
    case 'countryCode':
      return /^[a-z]{2}$/i.test(value) ? { value: value.toUpperCase() } : { problem: 'a two-letter country code such as NZ' };
    case 'date':
      return /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z)?$/.test(value) && !Number.isNaN(Date.parse(value)) ? { value: new Date(value).toISOString().replace('.000Z', 'Z') } : { problem: 'a date such as 2024-03-01' };
    case 'boolean':
      return /^(?:true|false)$/i.test(value) ? { value: value.toLowerCase() === 'true' } : { problem: 'true or false' };
    case 'userType':
      return /^(?:member|guest)$/i.test(value) ? { value: value.charAt(0).toUpperCase() + value.slice(1).toLowerCase() } : { problem: 'Member or Guest' };
  }
}

import type { RuleObjectType, RuleProperty, RulePropertyType } from './membership-rule.js';

// Spec §8.1 (users) and §8.3 (devices): rule name, type, Graph v1.0 JSON field.
// Where the rule name and the Graph field differ the mapping is ours (spec §16.22).
type Row = readonly [name: string, type: RulePropertyType, graphPath?: readonly (string | number)[]];

const userRows: readonly Row[] = [
  ['accountEnabled', 'boolean'],
  ['dirSyncEnabled', 'boolean', ['onPremisesSyncEnabled']],
  ['employeeHireDate', 'dateTime'],
  ['city', 'string'], ['country', 'string'], ['companyName', 'string'], ['department', 'string'],
  ['displayName', 'string'], ['employeeId', 'string'],
  ['facsimileTelephoneNumber', 'string', ['faxNumber']],
  ['givenName', 'string'], ['jobTitle', 'string'], ['mail', 'string'],
  ['mailNickName', 'string', ['mailNickname']],
  ['memberOf', 'memberOf'],
  ['mobile', 'string', ['mobilePhone']],
  ['objectId', 'string', ['id']],
  ['onPremisesDistinguishedName', 'string'], ['onPremisesSecurityIdentifier', 'string'], ['passwordPolicies', 'string'],
  ['physicalDeliveryOfficeName', 'string', ['officeLocation']],
  ['postalCode', 'string'], ['preferredLanguage', 'string'],
  ['sipProxyAddress', 'string', []],
  ['state', 'string'], ['streetAddress', 'string'], ['surname', 'string'],
  ['telephoneNumber', 'string', ['businessPhones', 0]],
  ['usageLocation', 'string'], ['userPrincipalName', 'string'], ['userType', 'string'],
  ['otherMails', 'stringCollection'], ['proxyAddresses', 'stringCollection'],
  ['assignedPlans', 'planCollection'],
  ...extensionAttributeRows('onPremisesExtensionAttributes'),
];

const deviceRows: readonly Row[] = [
  ['accountEnabled', 'boolean'],
  ['deviceCategory', 'string'], ['deviceId', 'string'],
  // Graph v1.0 calls the MDM application id `mdmAppId` (ours, like every † mapping).
  ['deviceManagementAppId', 'string', ['mdmAppId']],
  ['deviceManufacturer', 'string', ['manufacturer']],
  ['deviceModel', 'string', ['model']],
  ['displayName', 'string'],
  ['deviceOSType', 'string', ['operatingSystem']],
  ['deviceOSVersion', 'string', ['operatingSystemVersion']],
  ['deviceOwnership', 'string'],
  ['devicePhysicalIds', 'stringCollection', ['physicalIds']],
  ['deviceTrustType', 'string', ['trustType']],
  ['enrollmentProfileName', 'string'],
  ['isRooted', 'boolean'], ['managementType', 'string'],
  ['memberOf', 'memberOf'],
  ['objectId', 'string', ['id']],
  ['profileType', 'string'],
  // Graph returns systemLabels as a string collection, so it takes the collection forms.
  ['systemLabels', 'stringCollection'],
  ['organizationalUnit', 'string'],
  ...extensionAttributeRows('extensionAttributes'),
];

function extensionAttributeRows(container: string): Row[] {
  return Array.from({ length: 15 }, (_, i): Row => [`extensionAttribute${i + 1}`, 'string', [container, `extensionAttribute${i + 1}`]]);
}

function toProperty(object: RuleObjectType, [name, type, graphPath]: Row): RuleProperty {
  const path = graphPath ?? [name];
  if (name === 'sipProxyAddress') return { object, name, type, graphPath: path, availability: 'unreadable' };
  if (name === 'organizationalUnit') return { object, name, type, graphPath: path, availability: 'retired' };
  return { object, name, type, graphPath: path };
}

const byObject: Record<RuleObjectType, ReadonlyMap<string, RuleProperty>> = {
  user: new Map(userRows.map((row) => [row[0].toLowerCase(), toProperty('user', row)])),
  device: new Map(deviceRows.map((row) => [row[0].toLowerCase(), toProperty('device', row)])),
};

// extension_<appId without hyphens>_<attribute>; Graph returns the field under that name, app id in lower case.
const customExtension = /^extension_([0-9a-z]{32})_([a-z0-9_]+)$/i;

/** The property a rule names, matched case-insensitively (spec §16.5), or undefined when there is none. */
export function findRuleProperty(object: RuleObjectType, name: string): RuleProperty | undefined {
  const known = byObject[object].get(name.toLowerCase());
  if (known) return known;
  const custom = object === 'user' ? customExtension.exec(name) : null;
  if (!custom) return undefined;
  const canonical = `extension_${custom[1]!.toLowerCase()}_${custom[2]!}`;
  return { object, name: canonical, type: 'string', graphPath: [canonical] };
}

/** Every documented property name of one object type, canonically spelled (for suggestions). */
export function rulePropertyNames(object: RuleObjectType): readonly string[] {
  return [...byObject[object].values()].map((property) => property.name);
}

/** True when a name starts like a custom extension property but is malformed. */
export function looksLikeCustomExtension(name: string): boolean {
  return /^extension_/i.test(name) && !customExtension.test(name);
}

import { describe, expect, it } from 'vitest';
import { explainRule, parseMembershipRule, type RuleSubject } from '../../../domain/membership-rules/index.js';

// Spec §8.1 and §8.3: each rule property, the Graph v1.0 JSON that holds it, and the field the explanation names.
const userStrings: [property: string, subject: RuleSubject, graphField: string][] = [
  ['city', { city: 'Lagos' }, 'city'],
  ['country', { country: 'Lagos' }, 'country'],
  ['companyName', { companyName: 'Lagos' }, 'companyName'],
  ['department', { department: 'Lagos' }, 'department'],
  ['displayName', { displayName: 'Lagos' }, 'displayName'],
  ['employeeId', { employeeId: 'Lagos' }, 'employeeId'],
  ['facsimileTelephoneNumber', { faxNumber: 'Lagos' }, 'faxNumber'],
  ['givenName', { givenName: 'Lagos' }, 'givenName'],
  ['jobTitle', { jobTitle: 'Lagos' }, 'jobTitle'],
  ['mail', { mail: 'Lagos' }, 'mail'],
  ['mailNickName', { mailNickname: 'Lagos' }, 'mailNickname'],
  ['mobile', { mobilePhone: 'Lagos' }, 'mobilePhone'],
  ['objectId', { id: 'Lagos' }, 'id'],
  ['onPremisesDistinguishedName', { onPremisesDistinguishedName: 'Lagos' }, 'onPremisesDistinguishedName'],
  ['onPremisesSecurityIdentifier', { onPremisesSecurityIdentifier: 'Lagos' }, 'onPremisesSecurityIdentifier'],
  ['passwordPolicies', { passwordPolicies: 'Lagos' }, 'passwordPolicies'],
  ['physicalDeliveryOfficeName', { officeLocation: 'Lagos' }, 'officeLocation'],
  ['postalCode', { postalCode: 'Lagos' }, 'postalCode'],
  ['preferredLanguage', { preferredLanguage: 'Lagos' }, 'preferredLanguage'],
  ['state', { state: 'Lagos' }, 'state'],
  ['streetAddress', { streetAddress: 'Lagos' }, 'streetAddress'],
  ['surname', { surname: 'Lagos' }, 'surname'],
  ['telephoneNumber', { businessPhones: ['Lagos', '+1 555'] }, 'businessPhones[0]'],
  ['usageLocation', { usageLocation: 'Lagos' }, 'usageLocation'],
  ['userPrincipalName', { userPrincipalName: 'Lagos' }, 'userPrincipalName'],
  ['userType', { userType: 'Lagos' }, 'userType'],
  ...Array.from({ length: 15 }, (_, i): [string, RuleSubject, string] => [
    `extensionAttribute${i + 1}`, { onPremisesExtensionAttributes: { [`extensionAttribute${i + 1}`]: 'Lagos' } }, `onPremisesExtensionAttributes.extensionAttribute${i + 1}`,
  ]),
  ['extension_c272a57b722d4eb29bfe327874ae79cb_OfficeNumber', { extension_c272a57b722d4eb29bfe327874ae79cb_OfficeNumber: 'Lagos' }, 'extension_c272a57b722d4eb29bfe327874ae79cb_OfficeNumber'],
];

const deviceStrings: [property: string, subject: RuleSubject, graphField: string][] = [
  ['deviceCategory', { deviceCategory: 'Lagos' }, 'deviceCategory'],
  ['deviceId', { deviceId: 'Lagos' }, 'deviceId'],
  ['deviceManagementAppId', { mdmAppId: 'Lagos' }, 'mdmAppId'],
  ['deviceManufacturer', { manufacturer: 'Lagos' }, 'manufacturer'],
  ['deviceModel', { model: 'Lagos' }, 'model'],
  ['displayName', { displayName: 'Lagos' }, 'displayName'],
  ['deviceOSType', { operatingSystem: 'Lagos' }, 'operatingSystem'],
  ['deviceOSVersion', { operatingSystemVersion: 'Lagos' }, 'operatingSystemVersion'],
  ['deviceOwnership', { deviceOwnership: 'Lagos' }, 'deviceOwnership'],
  ['deviceTrustType', { trustType: 'Lagos' }, 'trustType'],
  ['enrollmentProfileName', { enrollmentProfileName: 'Lagos' }, 'enrollmentProfileName'],
  ['managementType', { managementType: 'Lagos' }, 'managementType'],
  ['objectId', { id: 'Lagos' }, 'id'],
  ['profileType', { profileType: 'Lagos' }, 'profileType'],
  ...Array.from({ length: 15 }, (_, i): [string, RuleSubject, string] => [
    `extensionAttribute${i + 1}`, { extensionAttributes: { [`extensionAttribute${i + 1}`]: 'Lagos' } }, `extensionAttributes.extensionAttribute${i + 1}`,
  ]),
];

function explain(text: string, subject: RuleSubject) {
  const { rule, errors } = parseMembershipRule(text);
  expect(errors).toEqual([]);
  return explainRule(rule!, subject);
}

describe('user properties (spec §8.1)', () => {
  it.each(userStrings)('reads user.%s from the Graph JSON field of its row', (property, subject, graphField) => {
    const { verdict, root } = explain(`user.${property} -eq "lagos"`, subject);
    expect(verdict).toBe('member');
    expect(root.property).toEqual({ propertyName: property, graphField, propertyValue: 'Lagos' });
  });

  it.each([
    ['accountEnabled', { accountEnabled: false }, 'accountEnabled'],
    ['dirSyncEnabled', { onPremisesSyncEnabled: false }, 'onPremisesSyncEnabled'],
  ])('reads the boolean user.%s from its Graph field', (property, subject, graphField) => {
    const { verdict, root } = explain(`user.${property} -eq false`, subject);
    expect(verdict).toBe('member');
    expect(root.property?.graphField).toBe(graphField);
  });

  it('reads user.employeeHireDate as an instant', () => {
    expect(explain('user.employeeHireDate -ge 2020-01-01T00:00:00Z', { employeeHireDate: '2021-03-01T00:00:00Z' }).verdict).toBe('member');
  });

  it.each([
    ['otherMails', { otherMails: ['Lagos'] }],
    ['proxyAddresses', { proxyAddresses: ['Lagos'] }],
  ])('reads the string collection user.%s', (property, subject) => {
    expect(explain(`user.${property} -any (_ -eq "lagos")`, subject).verdict).toBe('member');
  });

  it('reads user.assignedPlans items with their three fields', () => {
    const subject = { assignedPlans: [{ assignedDateTime: '2024-01-01T00:00:00Z', capabilityStatus: 'Enabled', service: 'SCO', servicePlanId: 'p1' }] };
    expect(explain('user.assignedPlans -any (assignedPlan.capabilityStatus -eq "enabled" -and assignedPlan.service -eq "sco" -and assignedPlan.servicePlanId -eq "P1")', subject).verdict).toBe('member');
  });

  it('reads user.memberOf from Graph memberOf', () => {
    expect(explain("user.memberOf -any (group.objectId -in ['g1'])", { memberOf: [{ id: 'g1' }] }).verdict).toBe('member');
  });

  it('reports user.sipProxyAddress, which Graph v1.0 lacks, as unknown', () => {
    expect(explain('user.sipProxyAddress -eq "sip:a@b"', { sipProxyAddress: 'sip:a@b' }).verdict).toBe('unknown');
  });

  it('matches property names without regard to case, and explains them in their canonical spelling', () => {
    const { verdict, root } = explain('user.MAILNICKNAME -eq "a" -and user.employeehiredate -ne null -and user.ObjectId -ne null', {
      mailNickname: 'A', employeeHireDate: '2020-01-01T00:00:00Z', id: 'u1',
    });
    expect(verdict).toBe('member');
    expect(root.children.map((child) => child.property?.propertyName)).toEqual(['mailNickName', 'employeeHireDate', 'objectId']);
  });
});

describe('device properties (spec §8.3)', () => {
  it.each(deviceStrings)('reads device.%s from the Graph JSON field of its row', (property, subject, graphField) => {
    const { verdict, root } = explain(`device.${property} -eq "lagos"`, subject);
    expect(verdict).toBe('member');
    expect(root.property).toEqual({ propertyName: property, graphField, propertyValue: 'Lagos' });
  });

  it.each(['accountEnabled', 'isRooted'])('reads the boolean device.%s', (property) => {
    expect(explain(`device.${property} -eq true`, { [property]: true }).verdict).toBe('member');
  });

  it('reads device.devicePhysicalIds from Graph physicalIds, and device.systemLabels as a list', () => {
    expect(explain('device.devicePhysicalIDs -any (_ -startsWith "[ZTDId]")', { physicalIds: ['[ZTDId]:abc'] }).verdict).toBe('member');
    expect(explain('device.systemLabels -startsWith "M365Managed"', { systemLabels: ['M365ManagedDevice'] }).verdict).toBe('member');
  });

  it('reads device.memberOf like user.memberOf', () => {
    expect(explain("device.memberOf -any (group.objectId -in ['g1'])", { memberOf: ['G1'] }).verdict).toBe('member');
  });
});

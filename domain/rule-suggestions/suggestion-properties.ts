/**
 * User properties a suggested rule may read, in the order a person would reach for them: the rule
 * property name and the Graph field it reads (spec §8.1). Common, stable, HR-managed attributes
 * only — never names, mail or ids, which would just list the members one by one.
 */
export const suggestionProperties: readonly { readonly property: string; readonly field: string }[] = [
  { property: 'department', field: 'department' },
  { property: 'country', field: 'country' },
  { property: 'jobTitle', field: 'jobTitle' },
  { property: 'companyName', field: 'companyName' },
  { property: 'city', field: 'city' },
  { property: 'state', field: 'state' },
  { property: 'physicalDeliveryOfficeName', field: 'officeLocation' },
  { property: 'usageLocation', field: 'usageLocation' },
  { property: 'userType', field: 'userType' },
  { property: 'preferredLanguage', field: 'preferredLanguage' },
];
